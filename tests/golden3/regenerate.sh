#!/bin/sh
# usage: sh regenerate.sh [CLI]
# Rewrites the projects (gen.py), exports each as a SQLAlchemy program with
# mapperscope-cli, plays every scenario on SQLAlchemy 1.4 and keeps its trace
# as P.SCENARIO_WITH_UNDERSCORES.expected.jsonl.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CLI=${1:-$here/../../build/release/app/mapperscope-cli}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/gen.py"
for proj in "$here"/*.msproj; do
  base=$(basename "$proj" .msproj)
  "$CLI" export "$proj" --sqlalchemy "$tmp/$base.py" > /dev/null
  mkdir -p "$tmp/$base"
  PYTHONHASHSEED=0 /usr/bin/python3 "$tmp/$base.py" --all "$tmp/$base"
  i=0
  /usr/bin/python3 -c 'import json,sys; [print(s["name"]) for s in json.load(open(sys.argv[1]))["scenarios"]]' "$proj" |
  while IFS= read -r name; do
    i=$((i + 1))
    cp "$tmp/$base/$i.jsonl" "$here/$base.$(printf '%s' "$name" | tr ' ' '_').expected.jsonl"
  done
done
