"""Judging with input/expected-output pairs (EvalPlus style): calls cross the sandbox, comparison
happens here.

Each case calls the entry point in the sandboxed program with plain-data arguments; its result comes
back as plain data and is compared with the trusted expected result in this process. The first
wrong, crashing or overrunning case decides the verdict; a pass needs every case to have run and
matched. Cases are judged group by group (EvalPlus: base inputs, then plus inputs), each group
within its own time budget, each call within its own limit scaled from the reference's time.

A group's calls go to the sandbox in few round trips (sandbox/batched_calls.py): the sandboxed
side runs through them, each held to its own limit on timestamps the candidate cannot forge,
while this side compares; the first failure ends the session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby
from typing import Any

from execbench.core import CallCase, CallTests, Limits, Program, Status, Task, Verdict
from execbench.judge.opaque import Opaque
from execbench.judge.outcome import ended_verdict, raised_status
from execbench.judge.reference_outputs import (
    Dropped,
    Expected,
    ReferenceUnavailable,
    expected_results,
)
from execbench.judge.registry import register_judge
from execbench.judge.task_memo import TaskMemo
from execbench.judge.tolerance import equal, is_floats, within_tolerance
from execbench.sandbox import CallBatch, CallOutcome, CallStatus, PythonSession, Sandbox
from execbench.sandbox.shown import shown

# EvalPlus gives each group one second beyond the sum of its calls' limits.
GROUP_GRACE_S = 1.0


@dataclass(frozen=True)
class _Check:
    """One case to run: what to call, what must come back, how long it may take."""

    number: int
    case: CallCase
    expected: Any
    limit_s: float | None


@dataclass(frozen=True)
class _Group:
    checks: tuple[_Check, ...]
    budget_s: float | None
    calls: CallBatch  # the checks' arguments, encoded once for all the task's samples


class _Failed(Exception):
    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.detail)
        self.verdict = verdict


@register_judge(CallTests)
def judge_call_tests(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    tests = task.tests
    assert isinstance(tests, CallTests)
    try:
        groups = _plan(task, tests, sandbox, limits)
    except ReferenceUnavailable as exc:
        return Verdict(Status.SANDBOX_ERROR, f"no expected results: {exc}")
    n_checks = sum(len(group.checks) for group in groups)
    if n_checks == 0:
        return Verdict(Status.SANDBOX_ERROR, "no test case has an expected result")
    budgets = [group.budget_s for group in groups]
    if all(budget is not None for budget in budgets):
        total = sum(budget for budget in budgets if budget is not None)
        limits = limits.with_cpu(max(limits.cpu_s, total))
    done = 0
    with sandbox.open_python(limits) as session:
        loaded = session.load(program.source)
        if loaded.status is CallStatus.DIED:
            return ended_verdict(loaded.execution)
        if loaded.status is not CallStatus.OK:
            type_name = loaded.error_type or "Exception"
            detail = f"{type_name} while loading the program: {loaded.message}"
            return Verdict(raised_status(type_name), detail, type_name)
        try:
            for group in groups:
                done += _run_group(session, tests, group)
        except _Failed as failure:
            execution = session.close()
            if failure.verdict.wall_s:
                return failure.verdict
            # What judging it cost, for the run's timings (results.jsonl has none).
            return replace(failure.verdict, cpu_s=execution.cpu_s, wall_s=execution.wall_s)
        execution = session.close()
    return Verdict(Status.PASSED, tests_run=done, cpu_s=execution.cpu_s, wall_s=execution.wall_s)


# A task's plan is the same for each of its samples, for as long as its expected results are.
_plans: TaskMemo[tuple[_Group, ...]] = TaskMemo()


def _plan(task: Task, tests: CallTests, sandbox: Sandbox, limits: Limits) -> tuple[_Group, ...]:
    spec = tests.from_reference
    computed = None if spec is None else expected_results(task, sandbox, limits)
    return _plans.get(task, lambda: _planned(tests, computed), computed)


def _planned(
    tests: CallTests, expectations: tuple[Expected | Dropped, ...] | None
) -> tuple[_Group, ...]:
    spec = tests.from_reference
    if expectations is None:
        expectations = tuple(Expected(case.expected) for case in tests.cases)
    groups = []
    numbered = zip(range(len(tests.cases)), tests.cases, expectations, strict=True)
    for _, members in groupby(numbered, key=lambda item: item[1].group):
        checks = []
        for number, case, expectation in members:
            if isinstance(expectation, Dropped):
                continue
            limit = None
            if spec is not None and expectation.seconds is not None:
                limit = max(spec.minimum_s, spec.factor * expectation.seconds)
            checks.append(_Check(number, case, expectation.value, limit))
        if not checks:
            continue  # every case dropped: an empty group must not leave the sample unbudgeted
        budget = None
        if spec is not None and all(check.limit_s is not None for check in checks):
            total = sum(check.limit_s for check in checks if check.limit_s is not None)
            budget = min(spec.group_budget_s, total) + GROUP_GRACE_S
        calls = CallBatch(
            [check.case.args for check in checks],
            limits_s=[check.limit_s for check in checks],
        )
        groups.append(_Group(tuple(checks), budget, calls))
    return tuple(groups)


def _run_group(session: PythonSession, tests: CallTests, group: _Group) -> int:
    atol = tests.atol
    stream = session.stream_calls(tests.entry_point, group.calls, budget_s=group.budget_s)
    for check in group.checks:
        actual = _result(stream.next(), tests.entry_point, check)
        passed, case_atol = _matches(tests, check, actual, atol)
        if tests.sticky_tolerance:
            atol = case_atol
        if not passed:
            call = f"{tests.entry_point}{_arguments(check.case.args)}"
            detail = f"{call} returned {shown(actual)}, expected {shown(check.expected)}"
            raise _Failed(Verdict(Status.FAILED, detail, tests_run=check.number + 1))
    return len(group.checks)


def _result(outcome: CallOutcome, entry_point: str, check: _Check) -> Any:
    if outcome.status is CallStatus.OK:
        return outcome.value
    if outcome.status is CallStatus.BAD_VALUE:
        return Opaque(outcome.error_type or "object")
    if outcome.status is CallStatus.DIED:
        raise _Failed(ended_verdict(outcome.execution, tests_run=check.number + 1))
    if outcome.status is CallStatus.OUT_OF_TIME:
        raise _Failed(Verdict(Status.TIMEOUT, "the group of cases ran out of time"))
    type_name = outcome.error_type or "Exception"
    call = f"{entry_point}{_arguments(check.case.args)}"
    detail = f"{call} raised {type_name}: {shown(outcome.message)}"
    raise _Failed(Verdict(raised_status(type_name), detail, type_name, check.number + 1))


def _matches(tests: CallTests, check: _Check, actual: Any, atol: float) -> tuple[bool, float]:
    """Whether `actual` passes, and the tolerance in force afterwards (EvalPlus's rules)."""
    oracle = tests.oracle
    if oracle is None:
        exact = equal(check.expected, actual)
    else:
        try:
            exact = bool(oracle.match(check.case.args, check.expected, actual, atol))
        except Exception:  # the oracle choked on what the candidate returned: a wrong answer
            exact = False
        if not oracle.tolerant:
            return exact, atol
    if atol == 0 and is_floats(check.expected):
        atol = tests.float_atol
    if exact:
        return True, atol
    return atol != 0 and within_tolerance(check.expected, actual, atol), atol


def _arguments(args: tuple[Any, ...]) -> str:
    return "(" + ", ".join(shown(arg, 80) for arg in args) + ")"
