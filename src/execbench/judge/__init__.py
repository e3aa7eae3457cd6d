"""Execution -> Verdict. One judge per kind of test suite, chosen by the suite's type."""

from __future__ import annotations

from collections.abc import Callable

from execbench.core import (
    AssertTests,
    CallTests,
    Limits,
    PredictionTests,
    Program,
    ScriptTests,
    Status,
    StdioTests,
    Task,
    TestSuite,
    UnittestTests,
    Verdict,
)
from execbench.judge.assert_tests import judge_assert_tests
from execbench.judge.call_tests import judge_call_tests
from execbench.judge.prediction import judge_prediction
from execbench.judge.script_tests import judge_script_tests
from execbench.judge.stdio_tests import judge_stdio_tests
from execbench.judge.unittest_tests import judge_unittest_tests
from execbench.sandbox import Sandbox

Judge = Callable[[Task, Program, Sandbox, Limits], Verdict]

_JUDGES: dict[type, Judge] = {
    AssertTests: judge_assert_tests,
    CallTests: judge_call_tests,
    StdioTests: judge_stdio_tests,
    PredictionTests: judge_prediction,
    UnittestTests: judge_unittest_tests,
    ScriptTests: judge_script_tests,
}


def register_judge(suite_type: type[TestSuite], judge: Judge) -> None:
    _JUDGES[suite_type] = judge


def judge(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    """The verdict for `program` on `task`: the single entry point the engine calls."""
    suite_judge = _JUDGES.get(type(task.tests))
    if suite_judge is None:
        raise TypeError(f"no judge for test suites of type {type(task.tests).__name__}")
    if task.assemble is not None:
        try:
            program = Program(program.language, task.assemble(program.source))
        except Exception as exc:  # the benchmark's own step broke: never the candidate's fault
            return Verdict(Status.SANDBOX_ERROR, f"assembling the program failed: {exc!r}")
    return suite_judge(task, program, sandbox, limits)


__all__ = ["Judge", "judge", "register_judge"]
