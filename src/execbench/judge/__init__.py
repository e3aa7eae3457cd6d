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
    that found the entry point missing (checked before the benchmark assembles the program
    around it, which would hide that nothing came).
    """
    if not program.source.strip():
        return Verdict(Status.COMPILE_ERROR, NO_CODE)
    suite_judge = JUDGES.get(type(task.tests))
    if task.assemble is not None:
        try:
            program = Program(program.language, task.assemble(program.source))
        except Exception as exc:  # the benchmark's own step broke: never the candidate's fault
            return Verdict(Status.SANDBOX_ERROR, f"assembling the program failed: {exc!r}")
    return suite_judge(task, program, sandbox, limits)


__all__ = ["JUDGES", "NO_CODE", "Judge", "judge", "register_judge"]
