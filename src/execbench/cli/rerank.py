"""`execbench rerank`: rank samples someone already has, then judge them all."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.api import rerank_samples
from execbench.cli.app import app, resumable
from execbench.cli.options import (
    Benchmark,
    CpuLimit,
    Data,
    JsonFlag,
    Ks,
    Language,
    MemoryLimit,
    MinCpuLimit,
    Out,
    SandboxName,
    Since,
    Until,
    Workers,
    config_from,
)
from execbench.cli.progress import RichProgress, show_outcome
from execbench.cli.strategy_options import CasesPerTest
from execbench.core import Limits
from execbench.engine.time_limits import TimePolicy
from execbench.sandbox import DEFAULT_SANDBOX


@app.command()
@resumable
def rerank(
    ctx: typer.Context,
    benchmark: Benchmark,
    samples: Annotated[
        Path,
        typer.Option("--samples", "-s", help="JSONL: task_id + completion or solution."),
    ],
    tests: Annotated[
        Path,
        typer.Option(
            "--tests",
            "-t",
            help="JSONL: task_id + test, one line per test generation, as the model wrote it.",
        ),
    ],
    method: Annotated[str, typer.Option(help="The ranking method: codet.")] = "codet",
    cases_per_test: CasesPerTest = None,
    out: Out = None,
    k: Ks = None,
    json_output: JsonFlag = False,
    workers: Workers = None,
    sandbox: SandboxName = DEFAULT_SANDBOX,
    cpu_limit: CpuLimit = Limits.cpu_s,
    min_cpu_limit: MinCpuLimit = TimePolicy.floor_s,
    memory_mb: MemoryLimit = Limits.memory_mb,
    data: Data = None,
    since: Since = None,
    until: Until = None,
    language: Language = None,
) -> None:
    """Rank each task's samples by CodeT's dual execution agreement on the test generations,
    judge every sample, and report pass@k over the ranking (ties included)."""
    config = config_from(ctx.params)
    options = {"cases_per_test": cases_per_test}
    with RichProgress(f"{benchmark}: reranking") as progress:
        outcome = rerank_samples(config, samples, tests, method, options, progress)
    show_outcome(outcome, json_output)
