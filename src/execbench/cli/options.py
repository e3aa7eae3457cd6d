"""Options shared by several commands, and turning them into an EvalConfig."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from execbench.api import EvalConfig
from execbench.core import Limits, UserError
from execbench.engine.time_limits import TimePolicy
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.dates import DateWindow

Benchmark = Annotated[str, typer.Option("-b", "--benchmark", help="Benchmark name.")]
Out = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Output directory (re-running resumes it)."),
]
Ks = Annotated[
    str | None, typer.Option("-k", "--k", help="Comma-separated k values for pass@k, e.g. 1,10.")
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print summary.json to stdout.")]
Workers = Annotated[
    int | None, typer.Option("--workers", "-j", help="Parallel judge processes (default: cores).")
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
DataVersion = Annotated[
    str | None,
    typer.Option("--data-version", help="A data release the benchmark knows (default: its own)."),
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
    Path | None, typer.Option("--data", help="Use this local benchmark data file (offline).")
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


def config_from(params: Mapping[str, Any]) -> EvalConfig:
    """The EvalConfig for the options a command shares with the others, taken by name from its
    parsed parameters (`typer.Context.params`)."""
    wanted = inspect.signature(make_config).parameters
    return make_config(**{name: value for name, value in params.items() if name in wanted})


def make_config(
    benchmark: str,
    out: Path | None = None,
    k: str | None = None,
    workers: int | None = None,
    sandbox: str = DEFAULT_SANDBOX,
    cpu_limit: float | None = None,
    memory_mb: int | None = None,
    data: Path | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | None = None,
    min_cpu_limit: float | None = None,
    split: str | None = None,
    data_version: str | None = None,
) -> EvalConfig:
    for option, value in (
        ("--cpu-limit", cpu_limit),
        ("--min-cpu-limit", min_cpu_limit),
        ("--memory-mb", memory_mb),
    ):
        if value is not None and not value > 0:
            raise UserError(f"{option} {value}: expected more than 0")
    limits, policy = None, TimePolicy()
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
            data=data, language=language, split=split, version=data_version
        ),
        limits=limits,
        sandbox=sandbox,
        window=DateWindow.parse(since, until),
        time_policy=policy,
    )
    if workers is not None:
        if workers < 1:
            raise UserError("--workers must be at least 1")
        config = EvalConfig(**{**config.__dict__, "workers": workers})
    return config
