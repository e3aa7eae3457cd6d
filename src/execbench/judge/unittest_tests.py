"""Judging with unittest.TestCase classes that run inside the sandbox (ClassEval).

The tests exercise candidate objects, so they run next to the candidate under a trusted runner
(sandbox/inside/unittest_runner.py); the report comes back tagged with a fresh nonce and is read
here. Class level: every TestCase class passes. Method level: the share of methods whose own
TestCase class passes, given in the verdict's detail. See the runner for what the nonce does and
does not stop.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from execbench.core import LimitHit, Limits, Program, Status, Task, UnittestTests, Verdict
from execbench.judge.outcome import ended_verdict
from execbench.judge.runnable import python_argv
from execbench.sandbox import Sandbox
from execbench.sandbox.inside import unittest_runner
from execbench.sandbox.inside.unittest_runner import MODULE_FILE, REPORT_TAG

RUNNER_FILE = "unittest_runner.py"  # its name in the sample's directory
_RUNNER_SOURCE = Path(unittest_runner.__file__).read_bytes()


def judge_unittest_tests(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    tests = task.tests
    assert isinstance(tests, UnittestTests)
    if program.language != "python":
        # The suite is unittest.TestCase code that imports the program as a Python module.
        detail = f"unittest test suites judge Python programs, not {program.language}"
        return Verdict(Status.SANDBOX_ERROR, detail)
    nonce = secrets.token_hex(16)
    config = {
        "nonce": nonce,
        "classes": list(tests.test_classes),
        "class_timeout_s": tests.class_timeout_s,
        "module_name": tests.module_name,
        "fresh_cwd": tests.fresh_cwd,
    }
    module = f"{tests.prelude}\n{program.source}\n{tests.code}"
    files = {RUNNER_FILE: _RUNNER_SOURCE, MODULE_FILE: module.encode()}
    execution = sandbox.run(
        python_argv(RUNNER_FILE, sandbox), limits, files, (json.dumps(config) + "\n").encode()
    )
    timing = {"cpu_s": execution.cpu_s, "wall_s": execution.wall_s}
    reports = [
        line[len(REPORT_TAG) + len(nonce) + 2 :]
        for line in execution.stdout.splitlines()
        if line.startswith(f"{REPORT_TAG} {nonce} ")
    ]
    if len(reports) != 1:
        if execution.sandbox_error or execution.limit_hit is not LimitHit.NONE:
            return ended_verdict(execution)
        why = "no report" if not reports else "more than one report"
        tail = (execution.stderr.strip().splitlines() or [""])[-1][:300]
        return Verdict(Status.ERROR, f"the test run ended with {why}: {tail}", **timing)
    try:
        report = json.loads(reports[0])
    except json.JSONDecodeError:
        return Verdict(Status.SANDBOX_ERROR, "the test runner's report is not JSON", **timing)
    return _verdict(tests, report, timing)


def class_passed(result: dict[str, Any]) -> bool:
    """ClassEval's rule: tests ran, and none failed or raised."""
    return result["run"] > 0 and result["failures"] == 0 and result["errors"] == 0


def _verdict(tests: UnittestTests, report: dict[str, Any], timing: dict[str, float]) -> Verdict:
    if "load_error" in report:
        error = report["load_error"]
        type_name = error.split(":", 1)[0]
        status = Status.COMPILE_ERROR if type_name in ("SyntaxError", "IndentationError") else None
        return Verdict(status or Status.ERROR, f"loading: {error}", type_name, **timing)
    classes = report["classes"]
    tests_run = sum(result["run"] for result in classes.values())
    failing = [name for name in tests.test_classes if not class_passed(classes[name])]
    part, (passed, total) = _part_counts(tests, classes)
    parts = {part: (passed, total)}
    methods = f"{part} passed {passed}/{total}"
    if not failing:
        return Verdict(Status.PASSED, methods, tests_run=tests_run, parts=parts, **timing)
    first = classes[failing[0]]
    only_errors = all(classes[name]["failures"] == 0 for name in failing)
    detail = f"{methods}; failing classes: {', '.join(failing)} ({first['message']})"
    status = Status.ERROR if only_errors else Status.FAILED
    return Verdict(status, detail, tests_run=tests_run, parts=parts, **timing)


def _part_counts(tests: UnittestTests, classes: dict[str, Any]) -> tuple[str, tuple[int, int]]:
    """ClassEval's method-level figure: methods whose test class passed, out of all methods."""
    if not tests.method_classes:
        passed = sum(class_passed(classes[name]) for name in tests.test_classes)
        return "classes", (passed, len(tests.test_classes))
    passed = sum(class_passed(classes[name]) for _, name in tests.method_classes)
    return "methods", (passed, len(tests.method_classes))
