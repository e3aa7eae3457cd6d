"""LeetCode contest problems through the real judge, with a sandboxed Solution and linked lists."""

from __future__ import annotations

import pytest

from execbench.core import Limits, Program, Status, Task
from execbench.judge import judge
from execbench.tasks import LoadOptions, get_benchmark
from tests.support.sandbox import session_sandbox

LIMITS = Limits(cpu_s=5, wall_s=10)
PUSHES = "weekly-contest-381-minimum-number-of-pushes-to-type-word-i"
DOUBLE = "weekly-contest-358-double-a-number-represented-as-a-linked-list"

DOUBLE_IT = """class Solution:
    def doubleIt(self, head: Optional[ListNode]) -> Optional[ListNode]:
        digits = []
        while head:
            digits.append(head.val)
            head = head.next
        out = None
        for d in reversed(str(2 * int("".join(map(str, digits))))):
            out = ListNode(int(d), out)
        return out
"""


@pytest.fixture(scope="module")
def tasks(data_dir) -> dict[str, Task]:
    return {t.task_id: t for t in get_benchmark("leetcode").load(LoadOptions(data_dir=data_dir))}


def verdict(task: Task, source: str):
    return judge(task, Program("python", source), session_sandbox(), LIMITS)


def test_loads_180_dated_problems(tasks):
    assert len(tasks) == 180
    assert tasks[PUSHES].metadata["date"] == "2024-01-21"
    assert min(t.metadata["date"] for t in tasks.values()) == "2023-07-02"
    assert tasks[PUSHES].metadata["instruction"].endswith("```")


def test_completion_of_the_prompt_known_good_and_bad(tasks):
    task = tasks[PUSHES]
    good = task.prompt + "return sum(i // 8 + 1 for i in range(len(word)))\n"
    result = verdict(task, good)
    assert result.status is Status.PASSED and result.tests_run == 100
    assert verdict(task, task.prompt + "return len(word)\n").status is Status.FAILED


def test_linked_lists_cross_as_plain_lists(tasks):
    assert verdict(tasks[DOUBLE], DOUBLE_IT).passed
    wrong = DOUBLE_IT.replace("2 * int", "3 * int")
    assert verdict(tasks[DOUBLE], wrong).status is Status.FAILED


def test_returning_a_forged_equal_object_fails(tasks):
    forged = (
        "class Solution:\n    def minimumPushes(self, word):\n"
        "        return type('E', (int,), {'__eq__': lambda s, o: True})(0)\n"
    )
    assert verdict(tasks[PUSHES], forged).status is Status.FAILED
