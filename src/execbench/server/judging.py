"""The server's judging: programs and tasks taken from requests, judged by an executor.

One executor serves /v1/run, /run_code and inline tasks, running Python with the server's own
interpreter (or that of the environment `--environment` names). Executors start with no tasks:
each job brings its own, so a request may name any benchmark's task or bring one inline. A
benchmark's tasks are loaded once, on first use, with the same per-task time limits `execbench
evaluate` gives them (`TaskBudgets`, scaled from the reference's CPU time measured on this
machine, or the benchmark's own fixed limits), so a verdict here is the verdict there. They are
judged by an executor whose samples run with the benchmark environment's Python (BigCodeBench's,
ClassEval's) or the server's own, started on the first request that needs it; a request for a
benchmark whose environment is not prepared (`execbench env prepare`) is refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from execbench.api import EvalConfig, load_tasks
from execbench.core import (
    Limits,
    Program,
    Sample,
    SampleFormat,
    SingleRun,
    Task,
    UserError,
    Verdict,
)
from execbench.engine.executor import (
    Executor,
    ExecutorSettings,
    JobLimits,
    JudgeByLimited,
    TaskRef,
    make_executor,
)
from execbench.engine.reference_times import ReferenceTimes
from execbench.engine.time_limits import TaskBudgets, measured_before
from execbench.environments.catalog import benchmark_runtime, environment_runtime
from execbench.extract import extract_program
from execbench.languages import canonical_name
from execbench.sandbox.runtime import PythonRuntime
from execbench.server.config import ServerConfig
from execbench.tasks import get_benchmark
from execbench.tasks.custom import custom_task


@dataclass(frozen=True)
class Judged:
    task: Task
    sample: Sample
    program: Program
    verdict: Verdict


@dataclass(frozen=True)
class Submission:
    """A task to judge a sample on, with the budgets its jobs get their limits from."""

    task: Task
    budgets: TaskBudgets
    sample: Sample


class _ById(JudgeByLimited):
    """An executor as one task set's `TaskBudgets` sees it: tasks by id, sent with each job."""

    def __init__(self, executor: Executor, tasks: Mapping[str, Task]) -> None:
        self._executor = executor
        self._tasks = tasks

    def _task(self, task: TaskRef) -> Task:
        return self._tasks[task] if isinstance(task, str) else task

    async def judge_limited(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> tuple[Verdict, Limits]:
        return await self._executor.judge_limited(self._task(task), program, limits, first)

    def close(self) -> None:
        """The executor is the server's: it stays."""


class Judging:
    def __init__(self, config: ServerConfig) -> None:
        self._config = config
        runtime = environment_runtime(config.environment) if config.environment else None
        # By environment build (None: the server's own Python), each with its measured times.
        self._executors: dict[str | None, tuple[Executor, ReferenceTimes]] = {}
        self._executor, self._times = self._judging_with(runtime)
        self._benchmarks: dict[tuple[str, str | None], asyncio.Future[TaskBudgets]] = {}
        self._tasks: dict[tuple[str, str | None], Mapping[str, Task]] = {}

    async def run(
        self, language: str, code: str, stdin: bytes, files: Mapping[str, bytes], limits: Limits
    ) -> Verdict:
        """`code` run once (judge/single_run.py): its verdict carries the run."""
        program = Program(canonical_name(language), code)
        task = Task("run", "run", "", SingleRun(stdin, files), "", language=program.language)
        return await self._executor.judge(task, program, limits)

    async def benchmark_submission(
        self, benchmark: str, task_id: str, language: str | None, text: str, form: SampleFormat
    ) -> Submission:
        key = (get_benchmark(benchmark).name, canonical_name(language) if language else None)
        if key not in self._benchmarks:
            self._benchmarks[key] = asyncio.ensure_future(self._load(key))
        try:
            budgets = await asyncio.shield(self._benchmarks[key])
        except UserError:
            self._benchmarks.pop(key, None)  # a later request tries again
            raise
        task = self._tasks[key].get(task_id)
        if task is None:
            raise UserError(f"{key[0]} has no task {task_id!r}")
        return Submission(task, budgets, Sample(task.task_id, 0, text, form))

    def inline_submission(
        self, record: Any, where: str, text: str, form: SampleFormat
    ) -> Submission:
        """A task in the custom-task schema (docs/custom-tasks.md); `where` names it in errors."""
        if not isinstance(record, dict):
            raise UserError(f"{where}: a task must be an object (docs/custom-tasks.md)")
        task = custom_task(record, Path(where), 1)
        budgets = self._budgets({task.task_id: task}, (self._executor, self._times))
        return Submission(task, budgets, Sample(task.task_id, 0, text, form))

    async def judge(self, submission: Submission) -> Judged:
        program = extract_program(submission.task, submission.sample)
        verdict = await submission.budgets.judge(submission.task.task_id, program)
        return Judged(submission.task, submission.sample, program, verdict)

    def close(self) -> None:
        for loading in self._benchmarks.values():
            if loading.done() and not loading.exception():
                loading.result().close()
        for executor, _ in self._executors.values():
            executor.close()

    def _judging_with(self, runtime: PythonRuntime | None) -> tuple[Executor, ReferenceTimes]:
        """The executor whose samples run with `runtime`, started on first use."""
        key = runtime.identity if runtime else None
        if key not in self._executors:
            config = self._config
            settings = ExecutorSettings(config.workers, config.executor_address, runtime)
            executor = make_executor(config.executor, {}, config.sandbox, settings)
            times = ReferenceTimes(config.sandbox, environment=key or "")
            self._executors[key] = (executor, times)
        return self._executors[key]

    async def _load(self, key: tuple[str, str | None]) -> TaskBudgets:
        benchmark, language = key
        config = EvalConfig(benchmark, load=replace(self._config.load, language=language))
        tasks = {task.task_id: task for task in await asyncio.to_thread(load_tasks, config)}
        # Its own environment's Python, or the server's own (not prepared: the request is refused).
        judging = self._judging_with(benchmark_runtime(benchmark))
        self._tasks[key] = tasks
        fixed = get_benchmark(benchmark)
        if fixed.scaled_time_limits:
            return self._budgets(tasks, judging)
        # Its own limits for every task, as `execbench evaluate` judges it by default.
        return self._budgets(tasks, judging, {task_id: fixed.default_limits for task_id in tasks})

    def _budgets(
        self,
        tasks: Mapping[str, Task],
        judging: tuple[Executor, ReferenceTimes],
        fixed: Mapping[str, Limits] | None = None,
    ) -> TaskBudgets:
        executor, times = judging
        ceiling, policy = self._config.ceiling, self._config.time_policy
        known = dict(fixed) if fixed else measured_before(tasks.values(), times, ceiling, policy)
        view = _ById(executor, tasks)
        return TaskBudgets(tasks, view, ceiling, policy, known, times)
