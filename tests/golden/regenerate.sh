#!/bin/sh
# Regenerates every *.expected.jsonl in this folder from its project's
# scenarios with the SQLAlchemy 1.4 reference runner (needs /usr/bin/python3
# with python3-sqlalchemy). Usage: sh regenerate.sh [path/to/sa_reference.py]
# (MS_REGENERATE_DIR: another folder of tests/, as tests/fidelity uses it)
set -e
here=${MS_REGENERATE_DIR:-$(cd "$(dirname "$0")" && pwd)}
ref=${1:-"$here/../../../shared/reference/sa_reference.py"}
[ -f "$ref" ] || { echo "sa_reference.py not found; pass its path" >&2; exit 2; }
status=0
for proj in "$here"/*.msproj; do
  base=$(basename "$proj" .msproj)
  /usr/bin/python3 -c 'import json,sys; [print(s["name"]) for s in json.load(open(sys.argv[1]))["scenarios"]]' "$proj" |
  while IFS= read -r name; do
    out="$here/$base.$(printf '%s' "$name" | tr ' ' '_').expected.jsonl"
    if PYTHONHASHSEED=0 /usr/bin/python3 "$ref" "$proj" "$name" > "$out.tmp"; then
      mv "$out.tmp" "$out"
    else
      echo "FAILED: $base / $name" >&2; rm -f "$out.tmp"; exit 1
    fi
  done || status=1
done
exit $status
