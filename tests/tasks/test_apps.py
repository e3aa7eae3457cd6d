"""APPS (MapCoder's subset) through the real judges: stdio and call-based problems."""

from __future__ import annotations

import pytest

from execbench.core import AssertTests, Limits, Program, Status, StdioTests, Task
from execbench.judge import judge
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.apps import call_arguments
from tests.support.sandbox import session_sandbox

LIMITS = Limits(cpu_s=3, wall_s=6)

QAQ = """s = input().strip()
print(sum(s[:i].count("Q") * s[i + 1:].count("Q") for i in range(len(s)) if s[i] == "A"))
"""
FACTORS = """def factors(x):
    if not isinstance(x, int) or x < 1:
        return -1
    return [d for d in range(x, 0, -1) if x % d == 0]
"""


@pytest.fixture(scope="module")
def tasks(data_dir) -> dict[str, Task]:
    return {t.task_id: t for t in get_benchmark("apps").load(LoadOptions(data_dir=data_dir))}


def verdict(task: Task, source: str):
    return judge(task, Program("python", source), session_sandbox(), LIMITS)


def test_loads_150_problems_with_unique_ids(tasks):
    assert len(tasks) == 150
    assert sum(t.metadata["call_based"] for t in tasks.values()) == 98
    assert isinstance(tasks["1607"].tests, StdioTests)
    assert isinstance(tasks["3836"].tests, AssertTests)
    assert "2886#2" in tasks  # the subset holds some problems twice
    assert (
        tasks["1607"].prompt.startswith("\nQUESTION:\n")
        and "Standard Input" in tasks["1607"].prompt
    )
    assert tasks["1607"].reference == ""


def test_stdio_problem_known_good_and_bad(tasks):
    assert verdict(tasks["1607"], QAQ).passed
    assert verdict(tasks["1607"], "print(4)").status is Status.FAILED


def test_call_based_problem_known_good_and_bad(tasks):
    assert verdict(tasks["3836"], FACTORS).passed
    result = verdict(tasks["3836"], FACTORS.replace("range(x, 0, -1)", "range(1, x + 1)"))
    assert result.status is Status.FAILED and "expected [54, 27" in result.detail


def test_call_based_accepts_tuples_for_lists(tasks):
    as_tuple = FACTORS.replace("return [d for d", "return tuple(d for d").replace("== 0]", "== 0)")
    assert verdict(tasks["3836"], as_tuple).passed


def test_arguments_are_recovered_line_by_line():
    assert call_arguments("[1, 2]", 1, 1) == [[1, 2]]
    assert call_arguments("aacb\naabc", 2, 2) == ["aacb", "aabc"]
    assert call_arguments("13\n3", 1, 3) == [13, 3]
    # More lines than parameters: the leading ones are one multi-line string.
    assert call_arguments("a #b\nc\n['#']", 2, 2) == ["a #b\nc", ["#"]]
