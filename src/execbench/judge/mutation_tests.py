"""Judging model-written tests by mutation score: they must pass on the reference, and each
mutant of the reference they fail on is killed.

Before the first sample of a task, mutants the benchmark's own inputs cannot tell from the
reference (same results, same exceptions, on every seed input) are dropped as equivalent: a
differential run in the sandbox, once per task and worker. Then each sample's tests run in the
sandbox (sandbox/inside/test_runner.py) against the reference and every remaining mutant, each
in a child of its own: the tests' module holds the program's names (as HumanEval's harness runs
`check` next to the program), its top-level asserts run as it loads, then its `test*` functions
are called, and `check(<entry point>)` where it defines `check`.

The verdict: passed when the tests pass on the reference; `parts["mutants"]` = (killed, kept),
nothing killed when the tests fail on the reference. Residual risk: tests run next to the
program, so tests written to recognise the reference (hashing its bytecode) could fail on
every mutant on purpose.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from typing import Any

from execbench.core import Limits, MutationTests, Program, Status, Task, Verdict
from execbench.judge.registry import register_judge
from execbench.judge.seed_inputs import SeedCall, seed_calls
from execbench.judge.task_memo import TaskMemo
from execbench.judge.test_run import TestJob, run_tests
from execbench.judge.tolerance import equal, is_floats, within_tolerance
from execbench.sandbox import CallOutcome, CallStatus, Sandbox

MODULE = "program_under_test"
TEST_TIMEOUT_S = 5.0  # CPU seconds for the tests against one program
# A mutant's call may take this long (wall) in the differential run before it counts as
# different: mutants that loop forever are common (a flipped loop step).
MUTANT_CALL_TIMEOUT_S = 2.0
FLOAT_ATOL = 1e-6
_CHECK_CALL = "__execbench_check__"


@register_judge(MutationTests)
def judge_mutation_tests(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    suite = task.tests
    assert isinstance(suite, MutationTests)
    mutants = _kept.get(task, lambda: kept_mutants(task, suite, sandbox))
    names = functions_to_call(program.source)
    if names is None:
        return Verdict(Status.COMPILE_ERROR, "the tests do not parse")
    snippet = program.source
    if "check" in names:
        names = [name for name in names if name != "check"] + [_CHECK_CALL]
        snippet += f"\n\ndef {_CHECK_CALL}():\n    check({suite.entry_point})\n"
    job = TestJob(
        programs=[suite.reference, *mutants],
        snippets=[snippet],
        calls=[(0, names)],
        module=MODULE,
        timeout_s=TEST_TIMEOUT_S,
        shared_namespace=True,
    )
    report = run_tests(job, sandbox, limits)
    if isinstance(report, Verdict):
        return report
    on_reference = report[0][0]
    killed = sum(results[0].outcome != "ok" for results in report[1:])
    if on_reference.outcome != "ok":
        parts = {"mutants": (0, len(mutants))}
        status = Status.FAILED if on_reference.outcome == "assert" else Status.ERROR
        if on_reference.outcome == "timeout":
            status = Status.TIMEOUT
        detail = f"the tests fail on the reference ({on_reference.error or on_reference.outcome})"
        return Verdict(status, detail, on_reference.error, parts=parts)
    detail = f"killed {killed} of {len(mutants)} mutants"
    return Verdict(
        Status.PASSED, detail, tests_run=len(names), parts={"mutants": (killed, len(mutants))}
    )


def functions_to_call(source: str) -> list[str] | None:
    """The functions to call: top-level `test*` functions, and `check` when defined; None when
    the source does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    functions = [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.args.args
    ]
    names = [name for name in functions if name.startswith("test")]
    defines_check = any(
        isinstance(node, ast.FunctionDef) and node.name == "check" and node.args.args
        for node in tree.body
    )
    return [*dict.fromkeys(names), *(["check"] if defines_check else [])]


_kept: TaskMemo[tuple[str, ...]] = TaskMemo()


def kept_mutants(task: Task, suite: MutationTests, sandbox: Sandbox) -> tuple[str, ...]:
    """The mutants some seed input tells apart from the reference (the differential run)."""
    seeds = seed_calls(suite.reference, suite.entry_point, suite.seed_suite, sandbox)
    expected = _outcomes(suite.reference, suite.entry_point, seeds, sandbox, None)
    return tuple(
        mutant
        for mutant in suite.mutants
        if _differs(_outcomes(mutant, suite.entry_point, seeds, sandbox, expected), expected)
    )


def _outcomes(
    source: str,
    entry_point: str,
    seeds: Sequence[SeedCall],
    sandbox: Sandbox,
    expected: list[tuple[str, Any]] | None,
) -> list[tuple[str, Any]]:
    """(status, value or exception type) per seed; against `expected`, it stops at the first
    difference (the rest cannot change the answer)."""
    found: list[tuple[str, Any]] = []
    timeout = None if expected is None else MUTANT_CALL_TIMEOUT_S
    with sandbox.open_python(Limits()) as session:
        loaded = session.load(source)
        if loaded.status is not CallStatus.OK:
            return [("load", loaded.error_type)]
        for number, seed in enumerate(seeds):
            outcome = _summary(session.call(entry_point, seed.args, seed.kwargs, timeout))
            found.append(outcome)
            if outcome[0] == "died" or (
                expected is not None and not _same(outcome, expected[number])
            ):
                break
    return found


def _summary(outcome: CallOutcome) -> tuple[str, Any]:
    if outcome.status is CallStatus.OK:
        return "ok", outcome.value
    if outcome.status is CallStatus.RAISED:
        return "raised", outcome.error_type
    return str(outcome.status), outcome.error_type


def _same(found: tuple[str, Any], wanted: tuple[str, Any]) -> bool:
    if found[0] != wanted[0]:
        return False
    if found[0] != "ok":
        return found[1] == wanted[1]
    if equal(wanted[1], found[1]):
        return True
    return is_floats(wanted[1]) and within_tolerance(wanted[1], found[1], FLOAT_ATOL)


def _differs(found: list[tuple[str, Any]], expected: list[tuple[str, Any]]) -> bool:
    return len(found) != len(expected) or not all(map(_same, found, expected))
