"""The Python API. The CLI is a thin layer over these functions.

from execbench.api import EvalConfig, evaluate_samples, run_model
outcome = evaluate_samples(EvalConfig("humaneval", out=Path("out")), Path("samples.jsonl"))
outcome.summary.pass_at_k["1"]
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from execbench.core import Limits, Sample, Task, UserError
from execbench.engine.costs import measure_costs
from execbench.engine.executor import (
    DEFAULT_EXECUTOR,
    Executor,
    ExecutorSettings,
    make_executor,
)
from execbench.engine.reference_times import ReferenceTimes
from execbench.engine.runner import Judge, evaluate_stream
from execbench.engine.time_limits import TaskBudgets, TimePolicy, measured_before
from execbench.languages import canonical_name
from execbench.metrics.strategy_summary import with_strategy
from execbench.metrics.summary import build_summary
from execbench.models import GenerationOptions, Model, make_model
from execbench.models.samples_reader import read_samples
from execbench.models.stream import GenerationTotals
from execbench.report import write_run_files
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.store import (
    RESULTS_SCHEMA_VERSION,
    STORE_FILENAME,
    ResultLine,
    RunStore,
    SqliteGenerationCache,
    SqliteTrajectoryStore,
    Summary,
)
from execbench.strategies import DEFAULT_STRATEGY, make_strategy
from execbench.strategies.base import Strategy, StrategyRun
from execbench.strategies.codet import CodeTSettings
from execbench.strategies.codet_offline import rerank_offline
from execbench.strategies.codet_tests import read_test_generations
from execbench.strategies.execution import CaseRunner
from execbench.tasks import LoadOptions, all_benchmarks, get_benchmark
from execbench.tasks.dates import DateWindow, task_date
from execbench.tasks.difficulty import select_difficulty, task_difficulty


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
    # Judge processes; None: the executor's default (local: the CPUs this process may use).
    workers: int | None = None
    # Where judging runs (engine/executor.py): `local`, `ray`, or a plug-in's; `executor_address`
    # is the cluster to join, for executors that have one (None: their default).
    executor: str = DEFAULT_EXECUTOR
    executor_address: str | None = None
    window: DateWindow = field(default_factory=DateWindow)
    difficulty: str | None = None
    # Per-task limits scaled from each reference's CPU time, `limits` as the ceiling; None: fixed.
    time_policy: TimePolicy | None = field(default_factory=TimePolicy)
    # Measure each passing sample's costs against its reference's this many times; 0: not at all.
    efficiency_repeats: int = 0


@dataclass(frozen=True)
class RunOutcome:
    summary: Summary
    results: list[ResultLine]
    out: Path


def load_all_tasks(config: EvalConfig) -> list[Task]:
    """Every task of the benchmark in the chosen language and release, before the date window
    and the difficulty."""
    benchmark = get_benchmark(config.benchmark)
    if config.load.version is not None and not benchmark.versions:
        raise UserError(f"--release {config.load.version}: {benchmark.name} has one release only")
    tasks = benchmark.load(config.load)
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
    return tasks


def chosen_tasks(config: EvalConfig, tasks: Sequence[Task]) -> list[Task]:
    """Those of `tasks` within the configured date window and of the chosen difficulty."""
    return select_difficulty(config.window.select(tasks), config.difficulty)


def load_tasks(config: EvalConfig) -> list[Task]:
    """The tasks to run: the benchmark's, within the configured date window and difficulty."""
    tasks = chosen_tasks(config, load_all_tasks(config))
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
    tasks, samples, keys = _read_samples(config, samples_path)
    out = config.out or default_out(config.benchmark, samples_path.stem)
    model_name = f"samples:{samples_path.name}"
    return _execute(config, tasks, model_name, _replay(samples), keys, out, listener)


def rerank_samples(
    config: EvalConfig,
    samples_path: Path,
    tests_path: Path,
    method: str = "codet",
    options: Mapping[str, Any] | None = None,
    listener: ProgressListener | None = None,
) -> RunOutcome:
    """Rank a samples file's samples by `method` (CodeT: dual execution agreement on the test
    generations of `tests_path`), judge them all, and report pass@k over the ranking."""
    if method != "codet":
        raise UserError(f"--method {method!r}: the one reranking method is codet")
    strategy = make_strategy(method, options)
    assert isinstance(strategy.settings, CodeTSettings)
    tasks, samples, keys = _read_samples(config, samples_path)
    generations = read_test_generations(tests_path, {task.task_id for task in tasks})
    out = config.out or default_out(config.benchmark, f"{samples_path.stem}__{method}")
    model_name = f"samples:{samples_path.name}"
    with RunStore.in_directory(out) as store:  # refuse another run's folder before writing
        store.bind(_run_identity(config, model_name, strategy))
    made_under = {
        "strategy": strategy.identity(),
        "samples": _sha256(samples_path),
        "tests": _sha256(tests_path),
    }
    basis = hashlib.sha256(json.dumps(made_under, sort_keys=True).encode()).hexdigest()
    by_task: dict[str, list[Sample]] = {}
    for sample in samples:
        by_task.setdefault(sample.task_id, []).append(sample)
    runner = CaseRunner(config.sandbox, config.workers, config.limits)
    try:
        with SqliteTrajectoryStore(out / STORE_FILENAME) as trajectories:
            asyncio.run(
                rerank_offline(
                    tasks, by_task, generations, strategy.settings, runner, trajectories, basis
                )
            )
    finally:
        runner.close()
    return _execute(
        config, tasks, model_name, _replay(samples), keys, out, listener, strategy=strategy
    )


def _read_samples(
    config: EvalConfig, samples_path: Path
) -> tuple[list[Task], list[Sample], list[tuple[str, int]]]:
    """The tasks in the date window, a samples file's samples for them, and their keys in task
    order."""
    everything = load_all_tasks(config)
    tasks = chosen_tasks(config, everything)
    by_id = {task.task_id: task for task in tasks}
    known = [task.task_id for task in everything]
    samples = [s for s in read_samples(samples_path, known) if s.task_id in by_id]
    if not samples:
        raise UserError(f"{samples_path}: no samples for tasks in the date window")
    order = {task.task_id: position for position, task in enumerate(tasks)}
    keys = sorted(
        ((s.task_id, s.sample_index) for s in samples), key=lambda key: (order[key[0]], key[1])
    )
    return tasks, samples, keys


async def _replay(samples: Sequence[Sample]) -> AsyncIterator[Sample]:
    for sample in samples:
        yield sample


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


DEFAULT_CONCURRENCY = 16


def run_model(
    config: EvalConfig,
    model: str | Model,
    options: GenerationOptions,
    listener: ProgressListener | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    model_settings: Mapping[str, Any] | None = None,
    strategy: Strategy | None = None,
) -> RunOutcome:
    """Generate `options.n` samples per task with `model`, judging each as it arrives.

    Up to `concurrency` requests are in flight; answers are cached in the run store, so running
    the same command again (or after a kill) asks the model only for what is missing.
    `model_settings` reach the backend's factory (base_url, api, timeout_s, price_in...).
    `strategy` (default: direct sampling) decides how the model is used (execbench.strategies).
    """
    if concurrency < 1:
        raise UserError("--concurrency must be at least 1")
    strategy = strategy or make_strategy(DEFAULT_STRATEGY)
    settings = {"concurrency": concurrency, **(model_settings or {})}
    backend = make_model(model, settings) if isinstance(model, str) else model
    strategy.check(backend)
    tasks = load_tasks(config)
    strategy.check_tasks(tasks)
    keys = [(task.task_id, index) for task in tasks for index in range(options.n)]
    direct = strategy.name == DEFAULT_STRATEGY
    source_name = backend.name if direct else f"{backend.name}__{strategy.name}"
    out = config.out or default_out(config.benchmark, source_name)
    totals = GenerationTotals()
    runner = CaseRunner(config.sandbox, config.workers, config.limits)

    async def source() -> AsyncIterator[Sample]:
        try:
            with (
                SqliteGenerationCache(out / STORE_FILENAME) as cache,
                SqliteTrajectoryStore(out / STORE_FILENAME) as trajectories,
            ):
                run = StrategyRun(
                    backend, tasks, options, concurrency, runner, totals, cache, trajectories
                )
                async for sample in strategy.samples(run):
                    yield sample
        finally:
            runner.close()
            await backend.aclose()

    return _execute(
        config,
        tasks,
        backend.name,
        source(),
        keys,
        out,
        listener,
        totals,
        strategy=strategy,
    )


def _execute(
    config: EvalConfig,
    tasks: Sequence[Task],
    model_name: str,
    samples: AsyncIterator[Sample],
    keys: Sequence[tuple[str, int]],
    out: Path,
    listener: ProgressListener | None,
    generation: GenerationTotals | None = None,
    strategy: Strategy | None = None,
) -> RunOutcome:
    """Judge `samples` into the run store at `out` and write the run's files. The run's
    identity holds the `strategy` (None: samples judged as given), and unless it is direct
    sampling the summary holds its figures, from the trajectories in the store."""
    started = time.monotonic()
    by_id = {task.task_id: task for task in tasks}
    with RunStore.in_directory(out) as store:
        store.bind(_run_identity(config, model_name, strategy))
        store.judge_under(_judging_settings(config))
        settings = ExecutorSettings(config.workers, config.executor_address)
        pool = make_executor(config.executor, by_id, config.sandbox, settings)
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
        resumed=counts.resumed,
        elapsed_s=time.monotonic() - started,
        generation=generation,
        task_ids=[task.task_id for task in tasks],
        measures=measures,
        groupings=task_groupings(tasks),
    )
    if strategy is not None and strategy.name != DEFAULT_STRATEGY:
        with SqliteTrajectoryStore(out / STORE_FILENAME) as stored:
            trajectories = stored.every()
        summary = with_strategy(summary, strategy.identity(), strategy.ranks, trajectories, results)
    write_run_files(out, summary, results)
    return RunOutcome(summary, results, out)


def _run_identity(config: EvalConfig, model_name: str, strategy: Strategy | None) -> dict[str, str]:
    """What a run folder belongs to. Samples judged as given (`evaluate`) count as direct
    sampling: a folder of reranked or strategy-made samples refuses them, and the reverse."""
    chosen = strategy or make_strategy(DEFAULT_STRATEGY)
    return {
        "benchmark": config.benchmark,
        "model": model_name,
        "strategy": json.dumps(chosen.identity(), sort_keys=True),
    }


def task_groupings(tasks: Sequence[Task]) -> dict[str, dict[str, str]]:
    """The groups LiveCodeBench's leaderboard reports pass@1 by, where the tasks carry them:
    difficulty, and the month of the task's date (YYYY-MM)."""
    difficulty = {task.task_id: d for task in tasks if (d := task_difficulty(task))}
    month = {task.task_id: day.isoformat()[:7] for task in tasks if (day := task_date(task))}
    return {"difficulty": difficulty, "month": month}


def _judging_settings(config: EvalConfig) -> dict[str, Any]:
    """What a verdict depends on besides the program: a run resumed under others judges again."""
    policy = config.time_policy
    return {
        # Verdicts stored before results carried native_status are judged again.
        "verdict_schema": RESULTS_SCHEMA_VERSION,
        "sandbox": config.sandbox,
        "limits": asdict(config.limits),
        "time_policy": asdict(policy) if policy else None,
        "data": {
            "version": get_benchmark(config.benchmark).data_version,
            "file": config.load.data,
            "language": config.load.language,
            # Only where chosen, so that runs from before releases existed resume as they were.
            **({"release": config.load.version} if config.load.version else {}),
        },
    }


def _task_budgets(
    config: EvalConfig,
    tasks: Mapping[str, Task],
    keys: Sequence[tuple[str, int]],
    pool: Executor,
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
    unknown = [task for task_id, task in tasks.items() if task_id in judged - known.keys()]
    times = ReferenceTimes(config.sandbox)
    known.update(measured_before(unknown, times, config.limits, policy))
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
    versions: list[str]
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
                versions=list(cls.versions),
                n_tasks=n_tasks,
                available=available,
                reason=reason,
            )
        )
    return infos
