"""`execbench evaluate`: judge samples someone already has."""

from __future__ import annotations

from execbench.api import EvalConfig, evaluate_samples
from execbench.cli.app import app, resumable
from execbench.cli.options import JsonFlag, SamplesFile, eval_options
from execbench.cli.progress import RichProgress, show_outcome


@app.command()
@resumable
@eval_options()
def evaluate(
    config: EvalConfig,
    samples: SamplesFile,
    json_output: JsonFlag = False,
) -> None:
    """Evaluate an existing samples file."""
    with RichProgress(f"{config.benchmark}: judging") as progress:
        outcome = evaluate_samples(config, samples, progress)
    show_outcome(outcome, json_output)
