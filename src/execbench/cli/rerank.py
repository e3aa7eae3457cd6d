"""`execbench rerank`: rank samples someone already has, then judge them all."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.api import EvalConfig, rerank_samples
from execbench.cli.app import app, resumable
from execbench.cli.options import JsonFlag, eval_options
from execbench.cli.progress import RichProgress, show_outcome
from execbench.cli.strategy_options import CasesPerTest


@app.command()
@resumable
@eval_options()
def rerank(
    config: EvalConfig,
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
    json_output: JsonFlag = False,
) -> None:
    """Rank each task's samples by CodeT's dual execution agreement on the test generations,
    judge every sample, and report pass@k over the ranking (ties included)."""
    options = {"cases_per_test": cases_per_test}
    with RichProgress(f"{config.benchmark}: reranking") as progress:
        outcome = rerank_samples(config, samples, tests, method, options, progress)
    show_outcome(outcome, json_output)
