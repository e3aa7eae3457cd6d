"""The CallTests judge through a real process sandbox: EvalPlus's comparison rules and limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from execbench.core import (
    PRECONDITION_NAME,
    CallCase,
    CallOracle,
    CallTests,
    Limits,
    Program,
    ReferenceOutputs,
    Status,
    Task,
)
from execbench.judge import judge, reference_outputs
from execbench.sandbox import make_sandbox

LIMITS = Limits(cpu_s=10, wall_s=20)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(reference_outputs, "_memory", {})
    return tmp_path / "execbench" / "expected"


def call_task(cases, reference: str = "", **tests) -> Task:
    return Task(
        task_id="t/0",
        benchmark="test",
        prompt="",
        tests=CallTests(entry_point="f", cases=tuple(cases), **tests),
        reference=reference,
    )


def verdict(task: Task, source: str):
    return judge(task, Program("python", source), make_sandbox(), LIMITS)


def test_equal_results_pass_and_a_wrong_one_fails_with_the_case() -> None:
    task = call_task([CallCase((1, 2), 3), CallCase((2, 2), 4)])
    assert verdict(task, "def f(a, b):\n    return a + b\n").status is Status.PASSED
    wrong = verdict(task, "def f(a, b):\n    return a * b\n")
    assert wrong.status is Status.FAILED
    assert "f(1, 2) returned 2, expected 3" in wrong.detail


def test_a_crash_is_an_error_and_a_missing_function_too() -> None:
    task = call_task([CallCase((1,), 1)])
    crashed = verdict(task, "def f(a):\n    raise KeyError(a)\n")
    assert (crashed.status, crashed.error_type) == (Status.ERROR, "KeyError")
    assert verdict(task, "def g(a):\n    return a\n").status is Status.ERROR


def test_a_tuple_is_not_a_list() -> None:
    task = call_task([CallCase(([1, 2],), [1, 2])])
    assert verdict(task, "def f(a):\n    return tuple(a)\n").status is Status.FAILED
    assert verdict(task, "def f(a):\n    return list(a)\n").status is Status.PASSED


def test_floats_pass_within_the_tolerance_only() -> None:
    task = call_task([CallCase((), 0.1 + 0.2)])
    assert verdict(task, "def f():\n    return 0.3\n").status is Status.PASSED
    assert verdict(task, "def f():\n    return 0.31\n").status is Status.FAILED
    loose = call_task([CallCase((), 1.0)], atol=0.1)
    assert verdict(loose, "def f():\n    return 1.05\n").status is Status.PASSED
    assert verdict(loose, "def f():\n    return '1.05'\n").status is Status.FAILED


def test_a_float_tolerance_sticks_for_the_rest_of_the_group_only_when_asked() -> None:
    cases = [CallCase((), 0.5), CallCase((), 10**9)]
    near = (
        "calls = []\ndef f():\n    calls.append(1)\n"
        "    return 0.5 if len(calls) == 1 else 10**9 + 1\n"
    )
    assert verdict(call_task(cases, sticky_tolerance=True), near).status is Status.PASSED
    assert verdict(call_task(cases), near).status is Status.FAILED


def test_a_result_that_is_not_data_equals_nothing_but_an_oracle_may_accept_it() -> None:
    program = "import re\ndef f():\n    return re.match('a', 'a')\n"
    assert verdict(call_task([CallCase((), True)]), program).status is Status.FAILED
    accepting = call_task([CallCase((), True)], oracle=CallOracle(_not_none))
    assert verdict(accepting, program).status is Status.PASSED


def _not_none(args, expected, actual, atol) -> bool:
    return actual is not None


def _is_root(args, expected, actual, atol) -> bool:
    return abs(actual * actual - args[0]) <= atol


def test_a_strict_oracle_is_final_and_the_tolerance_cannot_rescue_it() -> None:
    task = call_task([CallCase((4.0,), 2.0)], atol=0.5, oracle=CallOracle(_is_root, False))
    assert verdict(task, "def f(x):\n    return -2.0\n").status is Status.PASSED
    # 2.2 is within atol of 2.0, but 2.2 * 2.2 is not within atol of 4.
    assert verdict(task, "def f(x):\n    return 2.2\n").status is Status.FAILED


def test_expected_results_come_from_the_reference_and_break_the_contract_cases_out() -> None:
    reference = "def f(n):\n    if n < 0:\n        raise ValueError(n)\n    return n * 2\n"
    contract = f"def {PRECONDITION_NAME}(n):\n    assert n != 3\n    return True\n"
    cases = [CallCase((1,), group="base"), CallCase((3,), group="plus"), CallCase((-1,), "plus")]
    spec = ReferenceOutputs(precondition=contract, precondition_groups=("plus",))
    task = call_task(cases, reference, from_reference=spec)
    # 3 breaks the contract and -1 makes the reference raise: only f(1) == 2 is checked.
    passed = verdict(task, "def f(n):\n    return 2 if n == 1 else None\n")
    assert (passed.status, passed.tests_run) == (Status.PASSED, 1)
    assert verdict(task, "def f(n):\n    return n\n").status is Status.FAILED


def test_cached_expected_results_are_reused(private_cache: Path) -> None:
    task = call_task(
        [CallCase((1,))], "def f(n):\n    return n + 1\n", from_reference=ReferenceOutputs()
    )
    assert verdict(task, "def f(n):\n    return n + 1\n").passed
    [cached] = private_cache.glob("*.json")
    stored = json.loads(cached.read_text())
    stored["cases"][0][1] = 42  # what the judge now believes the reference returned
    cached.write_text(json.dumps(stored))
    reference_outputs._memory.clear()
    assert verdict(task, "def f(n):\n    return 42\n").passed


def test_a_call_past_its_limit_is_a_timeout() -> None:
    spec = ReferenceOutputs(minimum_s=0.5)
    task = call_task([CallCase((1,))], "def f(n):\n    return n\n", from_reference=spec)
    slow = verdict(task, "import time\ndef f(n):\n    time.sleep(30)\n    return n\n")
    assert slow.status is Status.TIMEOUT
