"""The trusted runner for unittest suites, started inside the sandbox. Standard library only.

Not imported there: judge/unittest_tests.py ships this file into the sample's directory, which
holds `tests_module.py` (the candidate and the tests in one module, as the benchmark's own harness
builds it), and runs it as `python -I unittest_runner.py`. The first line of stdin is JSON:
{"nonce", "classes", "class_timeout_s", "module_name", "fresh_cwd"}. The runner reads it before
any candidate code runs, puts /dev/null on stdin and stderr on stdout (so the candidate can
neither read the nonce nor write to the report stream by printing), then loads the module, runs
each TestCase class and writes one line to the saved stdout: `EXECBENCH-REPORT <nonce> <json>`.
With `fresh_cwd`, the module loads in a new empty directory under $TMPDIR, its `__file__` the
bare "<module_name>.py".

Residual risk, documented for users: the candidate runs in this interpreter, so code written to
attack the harness (walking frames or the heap for the nonce, patching `unittest`, returning
objects whose `__eq__` always agrees) can still forge a pass. The nonce defeats the accidental
and the printed forgeries, not a deliberate in-process attack.
"""

import json
import os
import random
import signal
import sys
import tempfile
import types
import unittest

MODULE_FILE = "tests_module.py"
MODULE_NAME = "tests_module"
REPORT_TAG = "EXECBENCH-REPORT"


class ClassTimeout(Exception):
    pass


def exception_line(trace):
    """The exception a traceback ends with: the line after its last frame (what follows it is
    the message's continuation: a diff, nltk's framed hint), and the next line with words in it
    when that one says only the type ("LookupError:")."""
    lines = trace.strip().splitlines()
    frames = [index for index, line in enumerate(lines) if line.startswith('  File "')]
    index = frames[-1] + 1 if frames else 0
    while index < len(lines) - 1 and lines[index].startswith(" "):
        index += 1  # the frame's source line and its ^^^ markers
    found = lines[index].strip() if lines else ""
    if found.endswith(":"):
        rest = [line.strip() for line in lines[index + 1 :] if any(c.isalnum() for c in line)]
        found = " ".join([found, *rest[:1]])
    return found


def _run_class(case_class, timeout_s):
    result = unittest.TestResult()
    suite = unittest.TestLoader().loadTestsFromTestCase(case_class)

    def expire(signum, frame):
        result.stop()
        raise ClassTimeout(f"test class used more than {timeout_s} CPU seconds")

    # CPU time, not wall time: a loaded machine must not turn a right answer into a timeout.
    if timeout_s > 0:
        signal.signal(signal.SIGPROF, expire)
        signal.setitimer(signal.ITIMER_PROF, timeout_s)
    try:
        suite.run(result)
    finally:
        if timeout_s > 0:
            signal.setitimer(signal.ITIMER_PROF, 0)
    problems = result.failures + result.errors
    message = exception_line(problems[0][1])[:300] if problems else ""
    return {
        "run": result.testsRun,
        "failures": len(result.failures),
        "errors": len(result.errors),
        "message": message,
    }


def main():
    config = json.loads(sys.stdin.readline())
    tag = f"{REPORT_TAG} {config['nonce']} "
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    report_fd = os.dup(1)
    os.dup2(2, 1)
    report = {"classes": {}}
    name = config.get("module_name", MODULE_NAME)
    module = types.ModuleType(name)
    module.__file__ = os.path.abspath(MODULE_FILE)
    sys.modules[name] = module
    random.seed(0)  # tests that draw random data see the same draws in every run
    try:
        with open(MODULE_FILE, encoding="utf-8") as handle:
            source = handle.read()
        filename = MODULE_FILE
        if config.get("fresh_cwd"):
            os.chdir(tempfile.mkdtemp())
            filename = module.__file__ = name + ".py"
        exec(compile(source, filename, "exec"), module.__dict__)
    except BaseException as exc:
        report["load_error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
    else:
        for name in config["classes"]:
            case_class = module.__dict__.get(name)
            if not (isinstance(case_class, type) and issubclass(case_class, unittest.TestCase)):
                report["classes"][name] = {
                    "run": 0,
                    "failures": 0,
                    "errors": 1,
                    "message": f"no TestCase class {name}",
                }
                continue
            report["classes"][name] = _run_class(case_class, config["class_timeout_s"])
    sys.stdout.flush()
    os.write(report_fd, (tag + json.dumps(report) + "\n").encode())
    os._exit(0)


if __name__ == "__main__":
    main()
