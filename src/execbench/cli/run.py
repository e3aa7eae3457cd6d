"""`execbench run`: generate samples with a model and judge them."""

from __future__ import annotations

from typing import Annotated

import typer

from execbench.api import run_model
from execbench.cli.app import app
from execbench.cli.options import (
    Benchmark,
    CpuLimit,
    Data,
    JsonFlag,
    Ks,
    MemoryLimit,
    Out,
    SandboxName,
    Since,
    Until,
    Workers,
    make_config,
)
from execbench.cli.progress import RichProgress, show_outcome
from execbench.core import Limits, UserError
from execbench.models import GenerationOptions
from execbench.sandbox import DEFAULT_SANDBOX


@app.command()
def run(
    benchmark: Benchmark,
    model: Annotated[
        str, typer.Option("-m", "--model", help="Model spec, e.g. reference or openai:gpt-4o-mini.")
    ],
    n: Annotated[int, typer.Option("-n", help="Samples per task.")] = 1,
    out: Out = None,
    k: Ks = None,
    json_output: JsonFlag = False,
    workers: Workers = None,
    sandbox: SandboxName = DEFAULT_SANDBOX,
    cpu_limit: CpuLimit = Limits.cpu_s,
    memory_mb: MemoryLimit = Limits.memory_mb,
    data: Data = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Generate N samples per task with MODEL and evaluate them."""
    if n < 1:
        raise UserError("-n must be at least 1")
    config = make_config(
        benchmark, out, k, workers, sandbox, cpu_limit, memory_mb, data, since, until
    )
    with RichProgress(f"{benchmark}: {model}") as progress:
        outcome = run_model(config, model, GenerationOptions(n=n), progress)
    show_outcome(outcome, json_output)
