#!/usr/bin/env python3
"""Print a trace's raw events for some steps: raw.py TRACE FIRST LAST"""
import json, sys
lo, hi = int(sys.argv[2]), int(sys.argv[3])
cur = None
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["category"] == "step" and e["event"] != "error":
        cur = e["step"]
    if cur is not None and lo <= cur <= hi:
        extra = {k: e[k] for k in ("value", "old", "attrs", "error", "kind", "nested", "subtransaction") if k in e}
        print("  ", e["category"], e["event"], e.get("class") or "", e.get("ref") or "", e.get("attr") or "", json.dumps(extra) if extra else "")
