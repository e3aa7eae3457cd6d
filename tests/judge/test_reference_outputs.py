"""The key of a task's cached expected results: the same data gives the same key in any process,
and any difference in what the results depend on gives another key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from execbench.core import CallCase, CallTests, ReferenceOutputs, Task
from execbench.judge.reference_outputs import cache_key

WORDS = [f"word{index}" for index in range(40)]  # a set of them iterates in a per-process order
CASES = (
    CallCase((1, "text", [2.5, None], {"k": (True, b"x")}), group="base"),
    CallCase(({3, 4}, frozenset({5}), 10**80, -0.0), group="plus"),
    CallCase((set(WORDS), {frozenset(WORDS[:9]): [set(WORDS[9:])]}), group="plus"),
)


def task_of(
    cases: tuple[CallCase, ...] = CASES,
    reference: str = "def f(*a): 0",
    spec: ReferenceOutputs = ReferenceOutputs(),  # noqa: B008 - frozen
) -> Task:
    tests = CallTests(entry_point="f", cases=cases, from_reference=spec)
    return Task(task_id="t/0", benchmark="test", prompt="", tests=tests, reference=reference)


def test_the_same_cases_give_the_same_key_in_another_process() -> None:
    script = "from tests.judge.test_reference_outputs import *; print(cache_key(task_of()))"
    root = Path(__file__).resolve().parents[2]
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True
    )
    assert other.stdout.strip() == cache_key(task_of())


@pytest.mark.parametrize(
    "changed",
    [
        # Each one is not alike to the first case: a float, a bool, a tuple, an int, a str, a group.
        CallCase((1.0, "text", [2.5, None], {"k": (True, b"x")}), group="base"),
        CallCase((True, "text", [2.5, None], {"k": (True, b"x")}), group="base"),
        CallCase((1, "text", (2.5, None), {"k": (True, b"x")}), group="base"),
        CallCase((1, "text", [2.5, None], {"k": (1, b"x")}), group="base"),
        CallCase((1, "text", [2.5, None], {"k": (True, "x")}), group="base"),
        CallCase((1, "text", [2.5, None], {"k": (True, b"x")}), group="plus"),
    ],
    ids=["float", "bool", "tuple", "int", "str", "group"],
)
def test_arguments_not_alike_give_another_key(changed: CallCase) -> None:
    assert cache_key(task_of((changed, *CASES[1:]))) != cache_key(task_of())


def test_sets_not_alike_give_another_key() -> None:
    fewer = CallCase((set(WORDS[1:]), {frozenset(WORDS[:9]): [set(WORDS[9:])]}), group="plus")
    assert cache_key(task_of((*CASES[:2], fewer))) != cache_key(task_of())


def test_the_reference_and_the_contract_are_in_the_key() -> None:
    assert cache_key(task_of(reference="def f(*a): 1")) != cache_key(task_of())
    contract = ReferenceOutputs(precondition="def _contract(*a): return True")
    assert cache_key(task_of(spec=contract)) != cache_key(task_of())
