#!/usr/bin/env python3
"""Like trace_compare.py, but lists every differing step (investigation aid)."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "reference"))
from trace_compare import load, canonical
want, got = canonical(load(sys.argv[1])), canonical(load(sys.argv[2]))
n = 0
for key in list(want) + [k for k in got if k not in want]:
    if want.get(key) != got.get(key):
        n += 1
        print("differs at %s" % key)
        print("  expected: %s" % [" ".join(x for x in e if x) for e in want.get(key, [])])
        print("  actual:   %s" % [" ".join(x for x in e if x) for e in got.get(key, [])])
print("%d differing steps" % n)
