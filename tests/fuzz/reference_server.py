#!/usr/bin/env python3
"""Plays projects on the SQLAlchemy reference runner, many in one process.

The differential fuzzer (tst_differential) asks for thousands of reference
traces; starting Python and importing SQLAlchemy for each costs more than
the play itself. This server imports SQLAlchemy once and forks for every
request, so each play still runs in a process of its own (sa_reference.py
keeps its state in module globals, and SQLAlchemy its mappers).

usage: reference_server.py SA_REFERENCE.py|MING_REFERENCE.py [--shuffle-memory]
With --shuffle-memory each play first leaves Python's small-object free
lists in a random order, so that the objects it makes get addresses in
another order: SQLAlchemy iterates some sets of objects by hash, which is
their address, and a trace that depends on it then differs between a play
with and one without.
Reads one JSON object a line on stdin:
  {"project": PATH, "scenario": NAME, "trace": PATH, "expect": PATH or null}
and plays PROJECT's SCENARIO with sa_reference.py, its standard output (the
trace) written to TRACE and, when EXPECT is given, MS_REF_AUTO_EXPECT=EXPECT;
or {"program": PATH, "args": [...], "trace": PATH} and runs PROGRAM (a
project's exported SQLAlchemy program) with ARGS instead.
Answers one JSON object a line: {"rc": exit status, "stderr": the last of it}.
Run it with Debian's /usr/bin/python3 (python3-sqlalchemy).
"""
import json
import os
import random
import runpy
import sys

import sqlalchemy  # noqa: F401  (imported once, inherited by every fork)
import sqlalchemy.orm  # noqa: F401
import sqlalchemy.orm.state  # noqa: F401


class _Pad:
    def __init__(self, n):
        self.n = n


def shuffle_memory(seed):
    """Frees objects of the sizes SQLAlchemy's states and instances take in
    a random order: later allocations reuse the freed blocks last-in first."""
    rnd = random.Random(seed)
    pads = [_Pad(i) for i in range(4000)] + [{"k": i} for i in range(2000)] + [[i] * rnd.randint(1, 8) for i in range(2000)]
    # blocks of the size of SQLAlchemy's InstanceState too: the sets a
    # rollback or a commit detaches from are sets of those
    pads += [sqlalchemy.orm.state.InstanceState.__new__(sqlalchemy.orm.state.InstanceState) for _ in range(3000)]
    rnd.shuffle(pads)
    keep = pads[: len(pads) // 2]
    del pads
    return keep


def play(reference, request, shuffle=False):
    err_path = request["trace"] + ".stderr"
    pid = os.fork()
    if pid == 0:
        try:
            if shuffle:
                _keep = shuffle_memory(os.getpid())  # noqa: F841  (half stays allocated)
            if request.get("expect"):
                os.environ["MS_REF_AUTO_EXPECT"] = request["expect"]
            else:
                os.environ.pop("MS_REF_AUTO_EXPECT", None)
            out = os.open(request["trace"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(err, 2)
            program = request.get("program") or reference
            if request.get("program"):
                sys.argv = [program] + list(request.get("args", []))
            else:
                sys.argv = [reference, request["project"]] + ([request["scenario"]] if request.get("scenario") else [])
            code = 0
            try:
                runpy.run_path(program, run_name="__main__")
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
                if not isinstance(e.code, int) and e.code is not None:
                    sys.stderr.write(str(e.code) + "\n")
            except BaseException as e:  # a step failed that was not expected to
                sys.stderr.write("%s: %s\n" % (type(e).__name__, e))
                code = 1
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        except BaseException:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    try:
        with open(err_path, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-2000:]
        os.unlink(err_path)
    except OSError:
        tail = ""
    return {"rc": rc, "stderr": tail}


def main():
    reference = sys.argv[1]
    if os.path.basename(reference) == "ming_reference.py":
        # Ming's reference: Ming imported once too, from the vendored copy
        # (no bytecode written beside it)
        sys.dont_write_bytecode = True
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(reference)), "vendor"))
        import ming.odm  # noqa: F401
    shuffle = "--shuffle-memory" in sys.argv[2:]
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = play(reference, json.loads(line), shuffle)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
