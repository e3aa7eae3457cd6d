"""Where judging runs: the interface the engine talks to, and the registry of executors.

An executor judges a program on a task under limits and answers with the verdict, however and
wherever it does the work: `local` keeps a pool of judge processes on this machine
(engine/pool.py), `ray` fans the jobs out over the actors of a Ray cluster (engine/ray_pool.py).
The engine (runner, time limits, api) sees only this interface, so an executor changes where
verdicts are reached, never what they are: same samples, byte-identical results.

A job names its task by id, among the tasks the executor was made with, or hands the `Task`
itself (the server's requests carry tasks of their own). Executors register like every other
extension (`@register_executor("name")`, or a plug-in under the entry-point group
`execbench.executors`); a factory takes the run's tasks, the sandbox's name and the settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from execbench.core import Limits, Program, Task, Verdict
from execbench.core.registry import Registry
from execbench.sandbox.runtime import PythonRuntime

# What a job is judged under: limits, or the function that gives them when a worker takes the job
# (a task's limits may settle while its jobs wait: see `TaskBudgets`).
JobLimits = Limits | Callable[[], Limits]
# A task the executor was made with, by id; or a task of the job's own.
TaskRef = str | Task

DEFAULT_EXECUTOR = "local"


class Executor(Protocol):
    async def judge(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> Verdict:
        """The verdict for `program` under `limits`; `first`: ahead of the jobs waiting."""
        ...

    async def judge_limited(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> tuple[Verdict, Limits]:
        """`judge`, with the limits the verdict was reached under."""
        ...

    def close(self) -> None:
        """Stop every worker; the executor takes no job after."""
        ...


class JudgeByLimited:
    """`judge` for an executor that has `judge_limited`."""

    async def judge_limited(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> tuple[Verdict, Limits]:
        raise NotImplementedError

    async def judge(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> Verdict:
        """The verdict for `program` under `limits`; `first`: ahead of the jobs waiting."""
        verdict, _ = await self.judge_limited(task, program, limits, first)
        return verdict


@dataclass(frozen=True)
class ExecutorSettings:
    """`workers`: judge processes (None: the executor's own default, this machine's usable CPUs
    for `local`, the cluster's CPUs for `ray`); `address`: the cluster to join, where the
    executor has one (None: its default); `runtime`: the benchmark environment's Python that
    Python programs run with (None: execbench's own), which every judging process must use."""

    workers: int | None = None
    address: str | None = None
    runtime: PythonRuntime | None = None


ExecutorFactory = Callable[[Mapping[str, Task], str, ExecutorSettings], Executor]

EXECUTORS: Registry[str, ExecutorFactory] = Registry(
    "executor",
    "execbench.executors",
    modules=("execbench.engine.local", "execbench.engine.ray_pool"),
    normalize=str.lower,
)


def register_executor(name: str) -> Callable[[ExecutorFactory], ExecutorFactory]:
    return EXECUTORS.register(name)


def make_executor(
    name: str, tasks: Mapping[str, Task], sandbox: str, settings: ExecutorSettings
) -> Executor:
    """The executor `name` (a UserError naming the choices if there is none), ready for jobs."""
    return EXECUTORS.get(name)(tasks, sandbox, settings)


def executor_names() -> list[str]:
    return EXECUTORS.names()
