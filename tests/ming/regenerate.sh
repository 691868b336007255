#!/bin/sh
# Regenerates every *.expected.jsonl in this folder with the Ming 0.13
# reference runner (needs /usr/bin/python3 with python3-pymongo, python3-six
# and python3-tz): tests/golden's script, pointed at ming_reference.py.
# Usage: sh regenerate.sh [path/to/ming_reference.py]
here=$(cd "$(dirname "$0")" && pwd)
MS_REGENERATE_DIR=$here exec sh "$here/../golden/regenerate.sh" \
  "${1:-$here/../../../shared/reference/ming_reference.py}"
