"""Execution -> Verdict. One judge per kind of test suite, chosen by the suite's type."""

from __future__ import annotations

from execbench.core import Limits, Program, Status, Task, Verdict
from execbench.judge.registry import JUDGES, Judge, register_judge
from execbench.sandbox import Sandbox

NO_CODE = "no code found in the reply"


def judge(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    """The verdict for `program` on `task`: the single entry point the engine calls.

    An empty program (a reply with no code in it) is a compile error, the stage at which a
    program that does not build fails, said as such rather than as an error of the test code
    that found the entry point missing.
    """
    if not program.source.strip():
        return Verdict(Status.COMPILE_ERROR, NO_CODE)
    return JUDGES.get(type(task.tests))(task, program, sandbox, limits)


__all__ = ["JUDGES", "NO_CODE", "Judge", "judge", "register_judge"]
