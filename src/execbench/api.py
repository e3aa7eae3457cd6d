"""The Python API. The CLI is a thin layer over these functions.

from execbench.api import EvalConfig, evaluate_samples, run_model
outcome = evaluate_samples(EvalConfig("humaneval", out=Path("out")), Path("samples.jsonl"))
outcome.summary.pass_at_k["1"]
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from execbench.core import Limits, Sample, Task, UserError
from execbench.engine.costs import measure_costs
from execbench.engine.pool import JudgePool
from execbench.engine.reference_times import ReferenceTimes
from execbench.engine.runner import Judge, evaluate_stream
from execbench.engine.time_limits import TaskBudgets, TimePolicy, needs_calibration
from execbench.engine.time_policies import DEFAULT_TIME_POLICY, time_policy
from execbench.languages import canonical_name
from execbench.metrics.summary import build_summary
from execbench.models import GenerationOptions, Model, make_model
from execbench.models.samples_reader import read_samples
from execbench.models.stream import GenerationTotals, generate_samples
from execbench.report import write_run_files
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.store import (
    RESULTS_SCHEMA_VERSION,
    STORE_FILENAME,
    ResultLine,
    RunStore,
    SqliteGenerationCache,
    Summary,
)
from execbench.tasks import LoadOptions, all_benchmarks, get_benchmark
from execbench.tasks.dates import DateWindow


class ProgressListener(Protocol):
    def started(self, total: int, resumable: bool) -> None: ...

    def judged(self, sample: Sample, passed: bool) -> None: ...


@dataclass(frozen=True)
class EvalConfig:
    benchmark: str
    out: Path | None = None
    ks: tuple[int, ...] | None = None
    load: LoadOptions = field(default_factory=LoadOptions)
    limits: Limits = field(default_factory=Limits)
    sandbox: str = DEFAULT_SANDBOX
    # The CPUs this process may use (a container's cpuset may allow fewer than the machine has).
    workers: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    window: DateWindow = field(default_factory=DateWindow)
    # Per-task limits scaled from each reference's CPU time, `limits` as the ceiling; None: fixed.
    time_policy: TimePolicy | None = field(default_factory=TimePolicy)
    # The harness whose time rule to follow (engine/time_policies.py): each call's limit in call
    # tests, and with `human-eval` one fixed budget per sample in place of the scaled ones.
    time_policy_name: str = DEFAULT_TIME_POLICY
    # Measure each passing sample's costs against its reference's this many times; 0: not at all.
    efficiency_repeats: int = 0


@dataclass(frozen=True)
class RunOutcome:
    summary: Summary
    results: list[ResultLine]
    out: Path


def load_all_tasks(config: EvalConfig) -> list[Task]:
    """Every task of the benchmark in the chosen language, before the date window."""
    tasks = get_benchmark(config.benchmark).load(config.load)
    if not tasks:
        raise UserError(f"benchmark {config.benchmark!r} has no tasks with these options")
    if config.load.language:  # multilingual loaders choose already; others must not ignore it
        wanted = canonical_name(config.load.language)
        languages = [canonical_name(task.language) for task in tasks]
        chosen = [task for task, lang in zip(tasks, languages, strict=True) if lang == wanted]
        if not chosen:
            present = ", ".join(sorted(set(languages)))
            raise UserError(f"{config.benchmark} has no {wanted} tasks (only {present})")
        tasks = chosen
    return time_policy(config.time_policy_name).applied(tasks)


def load_tasks(config: EvalConfig) -> list[Task]:
    """The tasks to run: the benchmark's, within the configured date window."""
    tasks = config.window.select(load_all_tasks(config))
    if not tasks:
        raise UserError(f"benchmark {config.benchmark!r} has no tasks in the date window")
    return tasks


def default_out(benchmark: str, source: str) -> Path:
    """The same command gets the same directory, so running it again resumes it."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", source).strip("_") or "run"
    return Path("execbench-runs") / f"{benchmark}__{slug}"


def evaluate_samples(
    config: EvalConfig, samples_path: Path, listener: ProgressListener | None = None
) -> RunOutcome:
    """Judge a samples file (human-eval `completion` or EvalPlus `solution` format)."""
    everything = load_all_tasks(config)
    tasks = config.window.select(everything)
    by_id = {task.task_id: task for task in tasks}
    known = [task.task_id for task in everything]
    samples = [s for s in read_samples(samples_path, known) if s.task_id in by_id]
    if not samples:
        raise UserError(f"{samples_path}: no samples for tasks in the date window")
    order = {task.task_id: position for position, task in enumerate(tasks)}
    keys = sorted(
        ((s.task_id, s.sample_index) for s in samples), key=lambda key: (order[key[0]], key[1])
    )

    async def source() -> AsyncIterator[Sample]:
        for sample in samples:
            yield sample

    model_name = f"samples:{samples_path.name}"
    out = config.out or default_out(config.benchmark, samples_path.stem)
    return _execute(config, tasks, model_name, source(), keys, out, listener)


DEFAULT_CONCURRENCY = 16


def run_model(
    config: EvalConfig,
    model: str | Model,
    options: GenerationOptions,
    listener: ProgressListener | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    model_settings: Mapping[str, Any] | None = None,
) -> RunOutcome:
    """Generate `options.n` samples per task with `model`, judging each as it arrives.

    Up to `concurrency` requests are in flight; answers are cached in the run store, so running
    the same command again (or after a kill) asks the model only for what is missing.
    `model_settings` reach the backend's factory (base_url, api, timeout_s, price_in...).
    """
    if concurrency < 1:
        raise UserError("--concurrency must be at least 1")
    settings = {"concurrency": concurrency, **(model_settings or {})}
    backend = make_model(model, settings) if isinstance(model, str) else model
    tasks = load_tasks(config)
    keys = [(task.task_id, index) for task in tasks for index in range(options.n)]
    out = config.out or default_out(config.benchmark, backend.name)
    totals = GenerationTotals()

    async def source() -> AsyncIterator[Sample]:
        try:
            with SqliteGenerationCache(out / STORE_FILENAME) as cache:
                async for sample in generate_samples(
                    backend, tasks, options, concurrency, cache, totals
                ):
                    yield sample
        finally:
            await backend.aclose()

    return _execute(config, tasks, backend.name, source(), keys, out, listener, totals)


def _execute(
    config: EvalConfig,
    tasks: Sequence[Task],
    model_name: str,
    samples: AsyncIterator[Sample],
    keys: Sequence[tuple[str, int]],
    out: Path,
    listener: ProgressListener | None,
    generation: GenerationTotals | None = None,
) -> RunOutcome:
    started = time.monotonic()
    config = _with_sample_budgets(config)
    by_id = {task.task_id: task for task in tasks}
    with RunStore.in_directory(out) as store:
        store.bind({"benchmark": config.benchmark, "model": model_name})
        store.judge_under(_judging_settings(config))
        pool = JudgePool(by_id, config.sandbox, config.workers)
        if listener:
            listener.started(len(keys), resumable=store.has_verdicts())
        budgets = _task_budgets(config, by_id, keys, pool, store)
        judge: Judge = budgets.judge if budgets else partial(pool.judge, limits=config.limits)
        try:
            counts = asyncio.run(
                evaluate_stream(samples, by_id, judge, store, listener.judged if listener else None)
            )
        finally:
            if budgets:
                budgets.close()
            pool.close()
        if generation is not None and generation.failures:
            # Samples a model never delivered have no verdict; the summary lists the failures.
            judged = store.judged_programs()
            keys = [k for k in keys if k[0] not in generation.failures or k in judged]
        if config.efficiency_repeats:
            measure_costs(
                store, by_id, keys, config.sandbox, config.limits, config.efficiency_repeats
            )
        results = store.results(keys)
        stored = store.measures()
    measures = {key: stored[key] for key in keys if key in stored}
    summary = build_summary(
        benchmark=config.benchmark,
        model=model_name,
        results=results,
        ks=config.ks,
        sandbox=config.sandbox,
        limits=config.limits,
        time_policy=config.time_policy_name,
        resumed=counts.resumed,
        elapsed_s=time.monotonic() - started,
        generation=generation,
        task_ids=[task.task_id for task in tasks],
        measures=measures,
    )
    write_run_files(out, summary, results)
    return RunOutcome(summary, results, out)


def _with_sample_budgets(config: EvalConfig) -> EvalConfig:
    """`config` with its named time policy's per-sample budget, where the policy fixes one."""
    fixed_s = time_policy(config.time_policy_name).fixed_sample_cpu_s
    if fixed_s is None:
        return config
    return replace(config, limits=config.limits.with_cpu(fixed_s), time_policy=None)


def _judging_settings(config: EvalConfig) -> dict[str, Any]:
    """What a verdict depends on besides the program: a run resumed under others judges again."""
    policy = config.time_policy
    return {
        # Verdicts stored before results carried native_status are judged again.
        "verdict_schema": RESULTS_SCHEMA_VERSION,
        "sandbox": config.sandbox,
        "limits": asdict(config.limits),
        "time_policy": asdict(policy) if policy else None,
        "time_policy_name": config.time_policy_name,
        "data": {
            "version": get_benchmark(config.benchmark).data_version,
            "file": config.load.data,
            "language": config.load.language,
        },
    }


def _task_budgets(
    config: EvalConfig,
    tasks: Mapping[str, Task],
    keys: Sequence[tuple[str, int]],
    pool: JudgePool,
    store: RunStore,
) -> TaskBudgets | None:
    """Each task's limits, scaled from its reference's CPU time once a sample needs it: those
    settled earlier in this run, or measured on this machine before, are known from the start."""
    if config.time_policy is None:
        return None
    policy = config.time_policy
    basis = {"ceiling": asdict(config.limits), "policy": asdict(policy)}
    known = store.task_limits(basis)
    judged = {task_id for task_id, _ in keys}
    unknown = [
        task
        for task_id, task in tasks.items()
        if task_id in judged and task_id not in known and needs_calibration(task)
    ]
    times = ReferenceTimes(config.sandbox)
    for task_id, verdict in times.known(unknown, config.limits).items():
        known[task_id] = policy.limits_for(verdict, config.limits)
    if known:
        store.save_task_limits(basis, known)

    def settled(task_id: str, limits: Limits) -> None:
        known[task_id] = limits
        store.save_task_limits(basis, known)  # a resumed run keeps them

    return TaskBudgets(tasks, pool, config.limits, policy, known, times, settled)


@dataclass(frozen=True)
class ValidationFailure:
    task_id: str
    status: str
    detail: str
    known_issue: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The reference solutions judged through the whole pipeline: they should all pass."""

    benchmark: str
    data_version: str
    n_tasks: int
    n_passed: int
    ground_truth_pass_rate: float | None
    failures: list[ValidationFailure]
    elapsed_s: float
    out: str | None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def validate_benchmark(
    config: EvalConfig, listener: ProgressListener | None = None
) -> ValidationReport:
    """Run the `reference` model over `config.benchmark`; failures carry their reasons, and the
    benchmark's own list of known-broken tasks says which are the data's fault."""
    benchmark = get_benchmark(config.benchmark)
    config = replace(config, benchmark=benchmark.name)
    tasks = load_tasks(config)
    if not any(task.reference for task in tasks):
        note = "the benchmark ships no reference solutions: there is nothing to validate"
        return ValidationReport(
            benchmark.name, benchmark.data_version, len(tasks), 0, None, [], 0.0, None, note
        )
    outcome = run_model(config, "reference", GenerationOptions(n=1), listener)
    by_id = {task.task_id: task for task in tasks}
    failures = [
        ValidationFailure(
            line.task_id, line.status, line.detail, benchmark.known_issue(by_id[line.task_id])
        )
        for line in outcome.results
        if not line.passed
    ]
    n_tasks = len(outcome.results)
    n_passed = n_tasks - len(failures)
    return ValidationReport(
        benchmark=benchmark.name,
        data_version=benchmark.data_version,
        n_tasks=n_tasks,
        n_passed=n_passed,
        ground_truth_pass_rate=n_passed / n_tasks if n_tasks else 0.0,
        failures=failures,
        elapsed_s=round(outcome.summary.elapsed_s, 3),
        out=str(outcome.out),
    )


@dataclass(frozen=True)
class BenchmarkInfo:
    name: str
    description: str
    languages: list[str]
    data_version: str
    n_tasks: int | None
    available: bool
    reason: str = ""


def list_benchmarks(load: LoadOptions | None = None) -> list[BenchmarkInfo]:
    """Every registered benchmark, with its task count where its data is here (never downloads)."""
    options = replace(load or LoadOptions.from_environment(), data=None, offline=True)
    infos = []
    for name, cls in all_benchmarks().items():
        try:
            n_tasks: int | None = len(cls().load(options))
            available, reason = True, ""
        except UserError as exc:
            n_tasks, available, reason = None, False, str(exc)
        infos.append(
            BenchmarkInfo(
                name=name,
                description=cls.description,
                languages=list(cls.languages),
                data_version=cls.data_version,
                n_tasks=n_tasks,
                available=available,
                reason=reason,
            )
        )
    return infos
