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
from execbench.tasks import LoadOptions
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
    float,
    typer.Option(
        "--cpu-limit",
        help="CPU seconds per sample at most; each task's budget is scaled from its reference "
        "solution's CPU time.",
    ),
]
MinCpuLimit = Annotated[
    float,
    typer.Option(
        "--min-cpu-limit",
        help="The least CPU budget a task gets; set it to --cpu-limit for one fixed budget.",
    ),
]
MemoryLimit = Annotated[int, typer.Option("--memory-mb", help="Memory limit per sample, MiB.")]
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
        help="Release of the benchmark's data (LiveCodeBench: release_v1...release_v6, "
        "cumulative; v2: that release's new problems; default release_latest).",
    ),
]
Difficulty = Annotated[
    str | None,
    typer.Option("--difficulty", help="Only tasks of this difficulty (e.g. easy, medium, hard)."),
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
    cpu_limit: float = Limits.cpu_s,
    memory_mb: int = Limits.memory_mb,
    data: Path | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | None = None,
    min_cpu_limit: float = TimePolicy.floor_s,
    release: str | None = None,
    difficulty: str | None = None,
) -> EvalConfig:
    for option, value in (
        ("--cpu-limit", cpu_limit),
        ("--min-cpu-limit", min_cpu_limit),
        ("--memory-mb", memory_mb),
    ):
        if not value > 0:
            raise UserError(f"{option} {value}: expected more than 0")
    limits = Limits(cpu_s=cpu_limit, wall_s=2 * cpu_limit + 2, memory_mb=memory_mb)
    config = EvalConfig(
        benchmark=benchmark,
        out=out,
        ks=parse_ks(k),
        load=LoadOptions.from_environment(data=data, language=language, version=release),
        limits=limits,
        sandbox=sandbox,
        window=DateWindow.parse(since, until),
        difficulty=difficulty,
        # A floor above the ceiling only means that every task gets the ceiling.
        time_policy=TimePolicy(floor_s=min(min_cpu_limit, cpu_limit)),
    )
    if workers is not None:
        if workers < 1:
            raise UserError("--workers must be at least 1")
        config = EvalConfig(**{**config.__dict__, "workers": workers})
    return config
