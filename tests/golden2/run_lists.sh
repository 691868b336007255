#!/bin/sh
# Like run.sh, but the expected traces come from $REF (default: the official reference).
# usage: sh run.sh PROJECT.msproj   -- runs every scenario: reference, mapperscope, compare
REF=${REF:-/work/shared/reference/sa_reference.py}
here=$(cd "$(dirname "$0")" && pwd)
proj=$1
base=$(basename "$proj" .msproj)
mkdir -p "$here/out"
/usr/bin/python3 -c 'import json,sys; [print(s["name"]) for s in json.load(open(sys.argv[1]))["scenarios"]]' "$proj" |
while IFS= read -r name; do
  u=$(printf '%s' "$name" | tr ' ' '_')
  exp="$here/$base.$u.expected.jsonl"
  act="$here/out/$base.$u.actual.jsonl"
  PYTHONHASHSEED=0 /usr/bin/python3 $REF "$proj" "$name" > "$exp" 2> "$here/out/$base.$u.ref.err"
  rrc=$?
  /tmp/ms-cli-snapshot run "$proj" --scenario "$name" --trace "$act" > "$here/out/$base.$u.ms.out" 2> "$here/out/$base.$u.ms.err"
  mrc=$?
  cmp=$(/usr/bin/python3 /work/shared/reference/trace_compare.py "$exp" "$act" 2>&1 | head -c 3000)
  echo "== $base / $name : ref=$rrc ms=$mrc"
  [ $rrc -ne 0 ] && tail -3 "$here/out/$base.$u.ref.err"
  [ -s "$here/out/$base.$u.ms.err" ] && { echo "  ms stderr:"; head -5 "$here/out/$base.$u.ms.err"; }
  echo "  $cmp"
done
