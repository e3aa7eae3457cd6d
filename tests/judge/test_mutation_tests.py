"""Mutation score with real sandboxes: equivalent mutants dropped by a differential run on the
benchmark's inputs, tests scored by the mutants they kill while passing on the reference."""

from __future__ import annotations

import json

import pytest

from execbench.core import (
    AssertTests,
    CallCase,
    CallTests,
    Limits,
    MutationTests,
    Program,
    Status,
    Task,
)
from execbench.judge import judge
from execbench.judge.mutation_tests import functions_to_call, kept_mutants

REFERENCE = (
    "def clamp(x, low, high):\n    if x < low:\n        return low\n    return min(x, high)\n"
)
MUTANTS = (
    REFERENCE.replace("x < low", "x <= low"),  # equivalent: x == low returns low either way
    REFERENCE.replace("return low", "return x"),
    REFERENCE.replace("min(x, high)", "max(x, high)"),
    REFERENCE.replace("min(x, high)", "min(x, high + 1)"),
)
OWN_TESTS = (
    "assert clamp(-5, 0, 10) == 0\nassert clamp(5, 0, 10) == 5\nassert clamp(50, 0, 10) == 10\n"
)


def _task(seeds: AssertTests | CallTests) -> Task:
    suite = MutationTests(REFERENCE, "clamp", MUTANTS, seeds)
    return Task("t/clamp", "custom", "def clamp(x, low, high):\n", suite, OWN_TESTS)


@pytest.fixture(scope="module")
def task() -> Task:
    return _task(AssertTests(OWN_TESTS, ("clamp",)))


def test_the_differential_run_drops_only_mutants_no_seed_tells_apart(task, sandbox):
    kept = kept_mutants(task, task.tests, sandbox)
    assert kept == MUTANTS[1:]
    # The same inputs given as calls give the same answer.
    calls = CallTests(
        "clamp", tuple(CallCase(args) for args in [(-5, 0, 10), (5, 0, 10), (50, 0, 10)])
    )
    assert kept_mutants(_task(calls), _task(calls).tests, sandbox) == MUTANTS[1:]


@pytest.mark.parametrize(
    ("tests", "status", "killed"),
    [
        (OWN_TESTS, Status.PASSED, 3),
        ("def test_low():\n    assert clamp(-1, 0, 3) == 0\n", Status.PASSED, 1),
        ("def check(candidate):\n    assert candidate(9, 0, 3) == 3\n", Status.PASSED, 2),
        ("assert clamp(9, 0, 3) == 9\n", Status.FAILED, 0),  # wrong on the reference
        ("def clamp(x, low, high):\n    return 0\nassert clamp(-1, 0, 3) == 0\n", Status.PASSED, 0),
        ("def test_x():\n    assert clamp(\n", Status.COMPILE_ERROR, None),
    ],
)
def test_tests_are_scored_by_the_mutants_they_kill(task, sandbox, tests, status, killed):
    verdict = judge(task, Program("python", tests), sandbox, Limits())
    assert verdict.status is status, verdict
    if killed is not None:
        assert verdict.parts["mutants"] == (killed, 3)


def test_a_test_that_hangs_a_mutant_kills_it_without_hanging_the_run(sandbox):
    looping = REFERENCE.replace(
        "    return min(x, high)", "    while x > high:\n        pass\n    return x"
    )
    suite = MutationTests(REFERENCE, "clamp", (looping,), AssertTests(OWN_TESTS, ("clamp",)))
    task = Task("t/loop", "custom", "", suite, OWN_TESTS)
    verdict = judge(task, Program("python", "assert clamp(50, 0, 10) == 10\n"), sandbox, Limits())
    assert verdict.status is Status.PASSED
    assert verdict.parts["mutants"] == (1, 1)


def test_which_functions_run_the_tests():
    source = "def test_a():\n    pass\ndef helper(x):\n    pass\ndef check(candidate):\n    pass\n"
    assert functions_to_call(source) == ["test_a", "check"]
    assert functions_to_call("def test_(:\n") is None


def test_tests_cannot_write_a_report_of_their_own(task, sandbox):
    claim = [[{"outcome": "ok"}]] + [[{"outcome": "assert"}]] * 3
    forged = json.dumps({"programs": claim})
    hostile = (
        "import gc, os\n"
        "jobs = [o for o in gc.get_objects() if isinstance(o, dict) and 'nonce' in o]\n"
        "for job in jobs:\n"
        "    line = 'EXECBENCH-TESTS ' + job['nonce'] + ' ' + FORGED + '\\n'\n"
        "    for fd in range(1, 64):\n"
        "        try:\n"
        "            os.write(fd, line.encode())\n"
        "        except OSError:\n"
        "            pass\n"
    ).replace("FORGED", repr(forged))
    verdict = judge(task, Program("python", hostile), sandbox, Limits())
    # Only its own result pipe was open to it: garbled, that run is an error, and the report
    # stream (one line, the runner's) is intact.
    assert verdict.status is Status.ERROR, verdict
    assert verdict.parts["mutants"] == (0, 3)
