#!/bin/sh
# Regenerates every *.expected.jsonl in this folder from its project's
# scenarios with the SQLAlchemy 1.4 reference runner: the golden folder's
# script, run on this one. Usage: sh regenerate.sh [path/to/sa_reference.py]
here=$(cd "$(dirname "$0")" && pwd)
MS_REGENERATE_DIR=$here exec sh "$here/../golden/regenerate.sh" "$@"
