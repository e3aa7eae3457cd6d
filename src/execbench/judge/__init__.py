"""Execution -> Verdict. One judge per kind of test suite, chosen by the suite's type."""

from __future__ import annotations

from execbench.core import Limits, Program, Task, Verdict
from execbench.judge.registry import JUDGES, Judge, register_judge
from execbench.sandbox import Sandbox


def judge(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    """The verdict for `program` on `task`: the single entry point the engine calls."""
    return JUDGES.get(type(task.tests))(task, program, sandbox, limits)


__all__ = ["JUDGES", "Judge", "judge", "register_judge"]
