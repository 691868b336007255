#!/bin/sh
# Regenerates every *.expected.jsonl in this folder from its project's
# scenarios with the Ming 0.13 reference runner (needs /usr/bin/python3 with
# python3-pymongo, python3-six and python3-tz). Usage: sh regenerate.sh
# [path/to/ming_reference.py]
set -e
here=$(cd "$(dirname "$0")" && pwd)
ref=${1:-"$here/../../../shared/reference/ming_reference.py"}
[ -f "$ref" ] || { echo "ming_reference.py not found; pass its path" >&2; exit 2; }
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
