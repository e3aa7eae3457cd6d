"""What runs inside each trusted worker process: the judge, with a sandbox of its own.

Workers are separate processes so that trusted test code (which may touch module-level state
such as `random`) never shares an interpreter with another sample's tests or with the harness.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from execbench.core import Limits, Program, Status, Task, Verdict
from execbench.engine.warm_imports import heavy_imports
from execbench.judge import judge
from execbench.sandbox import Sandbox, make_sandbox

_tasks: Mapping[str, Task] = {}
_sandbox: Sandbox | None = None


def initialize(tasks: Mapping[str, Task], sandbox_name: str) -> None:
    global _tasks, _sandbox
    sys.set_int_max_str_digits(0)  # results cross as JSON; big integers are legitimate answers
    _tasks = tasks
    _sandbox = make_sandbox(sandbox_name)
    _sandbox.warm(heavy_imports(tasks.values()))


def judge_program(task_id: str, program: Program, limits: Limits) -> Verdict:
    assert _sandbox is not None, "worker not initialized"
    try:
        return judge(_tasks[task_id], program, _sandbox, limits)
    except Exception as exc:  # a harness bug must show as such, never as the model's failure
        return Verdict(Status.SANDBOX_ERROR, f"{type(exc).__name__}: {exc}", type(exc).__name__)
