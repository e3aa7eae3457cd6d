"""Judging with unittest.TestCase classes that run inside the sandbox (ClassEval).

The tests exercise candidate objects, so they run next to the candidate under a trusted runner
(sandbox/inside/unittest_runner.py), in a test process of their own; the runner, which never runs
candidate code, reports how that process ended and what it found, tagged with a fresh nonce that
only the runner receives. Class level: every TestCase class passes. Method level: the share of
methods whose own TestCase class passes, given in the verdict's detail. See the runner for what
this does and does not stop.
"""

from __future__ import annotations

import json
import secrets
import signal
from pathlib import Path
from typing import Any

from execbench.core import (
    Execution,
    LimitHit,
    Limits,
    Program,
    Status,
    Task,
    UnittestTests,
    Verdict,
)
from execbench.judge.outcome import ended_verdict, timed_verdict
from execbench.judge.registry import register_judge
from execbench.judge.runnable import python_argv
from execbench.sandbox import Sandbox
from execbench.sandbox.inside import unittest_runner
from execbench.sandbox.inside.unittest_runner import CONFIG_FILE, MODULE_FILE, REPORT_TAG
from execbench.sandbox.shown import clipped

RUNNER_FILE = "unittest_runner.py"  # its name in the sample's directory
_RUNNER_SOURCE = Path(unittest_runner.__file__).read_bytes()
_COUNTS = ("run", "failures", "errors")


@register_judge(UnittestTests)
def judge_unittest_tests(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    tests = task.tests
    assert isinstance(tests, UnittestTests)
    if program.language != "python":
        # The suite is unittest.TestCase code that imports the program as a Python module.
        detail = f"unittest test suites judge Python programs, not {program.language}"
        return Verdict(Status.SANDBOX_ERROR, detail)
    nonce = secrets.token_hex(16)
    config = {
        "classes": list(tests.test_classes),
        "class_timeout_s": tests.class_timeout_s,
        "module_name": tests.module_name,
        "fresh_cwd": tests.fresh_cwd,
    }
    module = f"{tests.prelude}\n{program.source}\n{tests.code}"
    files = {
        RUNNER_FILE: _RUNNER_SOURCE,
        MODULE_FILE: module.encode(),
        CONFIG_FILE: json.dumps(config).encode(),
    }
    argv = python_argv(RUNNER_FILE, sandbox)
    execution = sandbox.run(argv, limits, files, f"{nonce}\n".encode())
    if execution.sandbox_error or execution.limit_hit is not LimitHit.NONE:
        return ended_verdict(execution)
    tag = f"{REPORT_TAG} {nonce} "
    reports = [line[len(tag) :] for line in execution.stdout.splitlines() if line.startswith(tag)]
    if len(reports) != 1:
        why = "no report" if not reports else "more than one report"
        return Verdict(Status.ERROR, f"the test run ended with {why}: {_last_error(execution)}")
    try:
        report = json.loads(reports[0])
    except json.JSONDecodeError:
        return timed_verdict(
            execution, Status.SANDBOX_ERROR, "the test runner's report is not JSON"
        )
    ended = _tests_ended(report.get("ended", {}), execution, limits)
    if ended is not None:
        return ended
    results = report.get("results")
    if not _well_formed(results, tests):
        why = report.get("malformed") or "the test process's results are malformed"
        detail = f"{clipped(str(why), 300)}: {_last_error(execution)}"
        return timed_verdict(execution, Status.ERROR, detail)
    return _verdict(tests, results, execution)


def _tests_ended(ended: dict, execution: Execution, limits: Limits) -> Verdict | None:
    """The verdict when the test process was killed, else None."""
    killed_by = ended.get("signal")
    if not isinstance(killed_by, int):
        return None
    # Its CPU rlimit: SIGXCPU at the soft limit, SIGKILL at the hard one.
    if killed_by == signal.SIGXCPU or (
        killed_by == signal.SIGKILL and execution.cpu_s >= 0.5 * limits.cpu_s
    ):
        return timed_verdict(execution, Status.TIMEOUT, "cpu limit exceeded")
    return timed_verdict(
        execution, Status.ERROR, f"the test process was killed by signal {killed_by}"
    )


def _well_formed(results: Any, tests: UnittestTests) -> bool:
    if not isinstance(results, dict):
        return False
    if "load_error" in results:
        return isinstance(results["load_error"], str)
    classes = results.get("classes")
    return isinstance(classes, dict) and all(
        isinstance(classes.get(name), dict)
        and all(type(classes[name].get(count)) is int for count in _COUNTS)
        and isinstance(classes[name].get("message"), str)
        for name in tests.test_classes
    )


def _last_error(execution: Execution) -> str:
    return clipped((execution.stderr.strip().splitlines() or [""])[-1], 300)


def class_passed(result: dict[str, Any]) -> bool:
    """ClassEval's rule: tests ran, and none failed or raised."""
    return result["run"] > 0 and result["failures"] == 0 and result["errors"] == 0


def _verdict(tests: UnittestTests, report: dict[str, Any], execution: Execution) -> Verdict:
    if "load_error" in report:
        error = clipped(report["load_error"], 400)
        type_name = error.split(":", 1)[0]
        status = Status.COMPILE_ERROR if type_name in ("SyntaxError", "IndentationError") else None
        return timed_verdict(execution, status or Status.ERROR, f"loading: {error}", type_name)
    classes = report["classes"]
    tests_run = sum(classes[name]["run"] for name in tests.test_classes)
    failing = [name for name in tests.test_classes if not class_passed(classes[name])]
    part, (passed, total) = _part_counts(tests, classes)
    parts = {part: (passed, total)}
    methods = f"{part} passed {passed}/{total}"
    if not failing:
        return timed_verdict(execution, Status.PASSED, methods, tests_run=tests_run, parts=parts)
    first = classes[failing[0]]
    only_errors = all(classes[name]["failures"] == 0 for name in failing)
    message = clipped(first["message"], 300)
    detail = f"{methods}; failing classes: {', '.join(failing)} ({message})"
    status = Status.ERROR if only_errors else Status.FAILED
    return timed_verdict(execution, status, detail, tests_run=tests_run, parts=parts)


def _part_counts(tests: UnittestTests, classes: dict[str, Any]) -> tuple[str, tuple[int, int]]:
    """ClassEval's method-level figure: methods whose test class passed, out of all methods."""
    if not tests.method_classes:
        passed = sum(class_passed(classes[name]) for name in tests.test_classes)
        return "classes", (passed, len(tests.test_classes))
    passed = sum(class_passed(classes[name]) for _, name in tests.method_classes)
    return "methods", (passed, len(tests.method_classes))
