#!/usr/bin/env python3
"""Plays projects on the SQLAlchemy reference runner, many in one process.

The differential fuzzer (tst_differential) asks for thousands of reference
traces; starting Python and importing SQLAlchemy for each costs more than
the play itself. This server imports SQLAlchemy once and forks for every
request, so each play still runs in a process of its own (sa_reference.py
keeps its state in module globals, and SQLAlchemy its mappers).

usage: reference_server.py SA_REFERENCE.py
Reads one JSON object a line on stdin:
  {"project": PATH, "scenario": NAME, "trace": PATH, "expect": PATH or null}
and plays PROJECT's SCENARIO with sa_reference.py, its standard output (the
trace) written to TRACE and, when EXPECT is given, MS_REF_AUTO_EXPECT=EXPECT.
Answers one JSON object a line: {"rc": exit status, "stderr": the last of it}.
Run it with Debian's /usr/bin/python3 (python3-sqlalchemy).
"""
import json
import os
import runpy
import sys

import sqlalchemy  # noqa: F401  (imported once, inherited by every fork)
import sqlalchemy.orm  # noqa: F401


def play(reference, request):
    err_path = request["trace"] + ".stderr"
    pid = os.fork()
    if pid == 0:
        try:
            if request.get("expect"):
                os.environ["MS_REF_AUTO_EXPECT"] = request["expect"]
            else:
                os.environ.pop("MS_REF_AUTO_EXPECT", None)
            out = os.open(request["trace"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(err, 2)
            sys.argv = [reference, request["project"]] + ([request["scenario"]] if request.get("scenario") else [])
            code = 0
            try:
                runpy.run_path(reference, run_name="__main__")
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
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = play(reference, json.loads(line))
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
