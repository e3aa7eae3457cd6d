"""Runs a program's assert cases one by one, inside the sandbox. Standard library only.

Shipped as a file into the sample's directory beside `program.py` (the candidate, then the
setup its cases need) and run as `python -I assert_runner.py`, like unittest_runner.py. The first
line of stdin is JSON: {"nonce", "cases", "case_timeout_s"}. The runner reads it before any
candidate code runs, puts /dev/null on stdin and stderr on stdout, loads the program as a module,
then runs each case in that module's namespace under its own CPU-time alarm and writes one line
to the saved stdout: `EXECBENCH-CASES <nonce> <json>`, the JSON holding one entry per case:
{"passed": bool, "output": text} where `output` says what the call returned or raised.

The cases are a strategy's (a model's own tests, or a problem's visible examples): what comes back
steers the strategy, never a verdict, which the hidden tests give outside the sandbox. A program
that forges this report only misleads its own strategy. For `assert X == Y`, X and Y are evaluated
apart so that what X returned can be reported; the pass rule is the assert's own.
"""

import ast
import json
import os
import signal
import sys
import types

PROGRAM_FILE = "program.py"
REPORT_TAG = "EXECBENCH-CASES"
_OUTPUT_CHARS = 300


class CaseTimeout(BaseException):
    """BaseException: a candidate's `except Exception` must not swallow it."""


def _short(value):
    try:
        text = repr(value)
    except BaseException as exc:  # a hostile __repr__
        text = f"<unprintable {type(exc).__name__}>"
    return text if len(text) <= _OUTPUT_CHARS else text[: _OUTPUT_CHARS - 3] + "..."


def _compared(case):
    """(left, right) sources for `assert LEFT == RIGHT`, else None."""
    try:
        tree = ast.parse(case)
    except (SyntaxError, ValueError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert):
        return None
    test = tree.body[0].test
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        return ast.unparse(test.left), ast.unparse(test.comparators[0])
    return None


def _run_case(case, namespace):
    compared = _compared(case)
    if compared is None:
        exec(compile(case, "<case>", "exec"), namespace)
        return {"passed": True, "output": ""}
    left = eval(compile(compared[0], "<case>", "eval"), namespace)
    right = eval(compile(compared[1], "<case>", "eval"), namespace)
    return {"passed": bool(left == right), "output": _short(left)}


def _timed_case(case, namespace, timeout_s):
    def expire(signum, frame):
        raise CaseTimeout()

    # CPU time, not wall time: a loaded machine must not fail a case.
    signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, timeout_s)
    try:
        return _run_case(case, namespace)
    except CaseTimeout:
        return {"passed": False, "output": "timed out"}
    except BaseException as exc:
        return {"passed": False, "output": f"{type(exc).__name__}: {_short(str(exc))[1:-1]}"}
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def main():
    config = json.loads(sys.stdin.readline())
    tag = f"{REPORT_TAG} {config['nonce']} "
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    report_fd = os.dup(1)
    os.dup2(2, 1)
    # Not "__main__": a program's own `if __name__ == "__main__":` demo is not a case.
    module = types.ModuleType("program")
    module.__file__ = os.path.abspath(PROGRAM_FILE)
    sys.modules["program"] = module
    report = {}
    try:
        with open(PROGRAM_FILE, encoding="utf-8") as handle:
            exec(compile(handle.read(), PROGRAM_FILE, "exec"), module.__dict__)
    except BaseException as exc:
        report["load_error"] = f"{type(exc).__name__}: {_short(str(exc))[1:-1]}"
    else:
        timeout_s = config["case_timeout_s"]
        report["cases"] = [
            _timed_case(case, module.__dict__, timeout_s) for case in config["cases"]
        ]
    sys.stdout.flush()
    os.write(report_fd, (tag + json.dumps(report) + "\n").encode())
    os._exit(0)


if __name__ == "__main__":
    main()
