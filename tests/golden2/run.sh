#!/bin/sh
# usage: sh run.sh PROJECT.msproj
# For every scenario: make the expected trace with the SQLAlchemy reference,
# play it on mapperscope-cli, compare. REF and CLI override the defaults
# (REF=$PWD/sa_reference_lists.py for blog_lists.msproj); out/ is disposable.
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../../shared/reference
REF=${REF:-$shared/sa_reference.py}
CLI=${CLI:-$here/../../build/dev/app/mapperscope-cli}
proj=$1
base=$(basename "$proj" .msproj)
mkdir -p "$here/out"
/usr/bin/python3 -c 'import json,sys; [print(s["name"]) for s in json.load(open(sys.argv[1]))["scenarios"]]' "$proj" |
while IFS= read -r name; do
  u=$(printf '%s' "$name" | tr ' ' '_')
  exp="$here/$base.$u.expected.jsonl"
  act="$here/out/$base.$u.actual.jsonl"
  PYTHONHASHSEED=0 /usr/bin/python3 "$REF" "$proj" "$name" > "$exp" 2> "$here/out/$base.$u.ref.err"
  rrc=$?
  "$CLI" run "$proj" --scenario "$name" --trace "$act" > "$here/out/$base.$u.ms.out" 2> "$here/out/$base.$u.ms.err"
  mrc=$?
  cmp=$(/usr/bin/python3 "$shared/trace_compare.py" "$exp" "$act" 2>&1 | head -c 3000)
  echo "== $base / $name : ref=$rrc ms=$mrc"
  [ $rrc -ne 0 ] && tail -3 "$here/out/$base.$u.ref.err"
  [ -s "$here/out/$base.$u.ms.err" ] && { echo "  ms stderr:"; head -5 "$here/out/$base.$u.ms.err"; }
  echo "  $cmp"
done
