"""Judging with trusted assert-style tests (HumanEval's `check`, MBPP's asserts).

The test code runs here, in the trusted process; only the candidate runs in the sandbox. A pass is
positive evidence: the test code ran to its end, the candidate was called at least once, and the
sandboxed process never died, overran or raised a BaseException on the way.
"""

from __future__ import annotations

import random
import traceback
from collections.abc import Mapping
from functools import lru_cache
from types import CodeType
from typing import Any

from execbench.core import AssertTests, Limits, Program, Status, Task, Verdict
from execbench.core.lines import split_lines
from execbench.judge.assert_detail import assertion_detail
from execbench.judge.calls_ahead import CallPlan, CallsAhead, PlanDiverged, planned_calls
from execbench.judge.candidate import (
    CallTally,
    CandidateAbort,
    CandidateError,
    SandboxAbort,
    make_proxies,
)
from execbench.judge.outcome import ended_verdict, raised_status
from execbench.judge.registry import register_judge
from execbench.judge.trusted_clock import TrustedTimeout, trusted_deadline
from execbench.sandbox import CallStatus, Sandbox
from execbench.sandbox.shown import exception_message

TEST_FILENAME = "<tests>"


@lru_cache(maxsize=4096)
def _compiled(source: str, filename: str) -> CodeType:
    return compile(source, filename, "exec")


@register_judge(AssertTests)
def judge_assert_tests(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    tests = task.tests
    assert isinstance(tests, AssertTests)
    plan = planned_calls(tests)
    if plan is not None:
        verdict = _judged(tests, program, sandbox, limits, plan)
        if verdict is not None:
            return verdict
    # No calls to make ahead, or the test code did not make those it was read to: one by one.
    verdict = _judged(tests, program, sandbox, limits, None)
    assert verdict is not None, "without a plan, nothing can diverge from it"
    return verdict


def _judged(
    tests: AssertTests, program: Program, sandbox: Sandbox, limits: Limits, plan: CallPlan | None
) -> Verdict | None:
    """The verdict, or None when the test code's calls were not those of `plan`."""
    with sandbox.open_python(limits) as session:
        for part, source in sandbox_sources(tests, program):
            loaded = session.load(source)
            if loaded.status is CallStatus.DIED:
                return ended_verdict(loaded.execution)
            if loaded.status is not CallStatus.OK:
                failure = _load_failure(loaded.error_type or "Exception", loaded.message)
                if part == "prelude":  # benchmark code broke before the candidate ran
                    return Verdict(Status.SANDBOX_ERROR, f"prelude: {failure.detail}")
                if part == "harness":  # the program left no room for the benchmark's harness
                    return Verdict(Status.ERROR, f"harness: {failure.detail}")
                return failure
        ahead = CallsAhead(session, plan) if plan is not None else None
        tally = CallTally(ahead)
        proxies = make_proxies(session, tests.entry_points, tally)
        try:
            verdict = run_assert_code(tests, proxies, tally, limits)
        except PlanDiverged:
            return None
        if ahead is not None and ahead.diverged:  # also when the test code swallowed it
            return None
        execution = session.close()
    if tally.abort is not None:
        return _abort_verdict(tally.abort, tally.calls)
    if verdict.status is Status.PASSED and tally.calls == 0:
        return Verdict(Status.SANDBOX_ERROR, "the tests never called the candidate")
    return Verdict(
        verdict.status,
        verdict.detail,
        error_type=verdict.error_type,
        tests_run=tally.calls,
        cpu_s=execution.cpu_s,
        wall_s=execution.wall_s,
    )


def sandbox_sources(tests: AssertTests, program: Program) -> list[tuple[str, str]]:
    """What the session loads, in order, each named by its part: prelude, program, harness."""
    parts = [
        ("prelude", tests.sandbox_prelude),
        ("program", program.source),
        ("harness", tests.sandbox_harness),
    ]
    return [(part, source) for part, source in parts if source or part == "program"]


def _load_failure(type_name: str, message: str) -> Verdict:
    status = raised_status(type_name)
    return Verdict(status, f"{type_name} while loading the program: {message}", type_name)


def _abort_verdict(abort: CandidateAbort | SandboxAbort, calls: int) -> Verdict:
    if isinstance(abort, SandboxAbort):
        return ended_verdict(abort.execution, tests_run=calls)
    return Verdict(Status.ERROR, str(abort), abort.type_name, tests_run=calls)


def run_assert_code(
    tests: AssertTests, proxies: Mapping[str, Any], tally: CallTally, limits: Limits
) -> Verdict:
    """Run the trusted test code with `proxies` standing for the candidate's entry points."""
    namespace: dict = {"__name__": "__tests__"}
    # Test code may draw random inputs (HumanEval/38): the same seed for every sample and run.
    random.seed(0)
    try:
        with trusted_deadline(limits.wall_s + 5.0):
            if tests.setup:
                exec(_compiled(tests.setup, "<reference>"), namespace)
            namespace.update(proxies)
            exec(_compiled(tests.code, TEST_FILENAME), namespace)
    except (SandboxAbort, CandidateAbort):
        return Verdict(Status.ERROR)  # replaced by the abort verdict
    except TrustedTimeout:
        return Verdict(Status.TIMEOUT, "the tests did not finish in time")
    except AssertionError as exc:
        detail = assertion_detail(exc, TEST_FILENAME, tests.code, tally.last, proxies.values())
        return Verdict(Status.FAILED, detail, "AssertionError")
    except CandidateError as exc:
        status = raised_status(exc.type_name)
        return Verdict(status, f"{exc.type_name}: {exc}", exc.type_name)
    except RecursionError as exc:
        return Verdict(Status.FAILED, f"RecursionError in the tests: {exc}", "RecursionError")
    except Exception as exc:  # the tests choked on what the candidate returned: a wrong answer
        message = exception_message(exc)
        detail = (
            f"{type(exc).__name__} in the tests: {message}; at {_failing_line(exc, tests.code)}"
        )
        return Verdict(Status.FAILED, detail, type(exc).__name__)
    return Verdict(Status.PASSED)


def _failing_line(exc: BaseException, code: str) -> str:
    lines = split_lines(code)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == TEST_FILENAME and frame.lineno and frame.lineno <= len(lines):
            failing = lines[frame.lineno - 1].strip()
            message = exception_message(exc)
            return f"{failing}  ({message})" if message else failing
    return exception_message(exc) or type(exc).__name__
