"""`execbench evaluate-tests`: score model-written tests by the mutants they kill."""

from __future__ import annotations

from execbench.api import EvalConfig, evaluate_tests
from execbench.cli.app import app, resumable
from execbench.cli.options import JsonFlag, SamplesFile, eval_options
from execbench.cli.progress import RichProgress, show_outcome


@app.command("evaluate-tests")
@resumable
@eval_options()
def evaluate_tests_command(
    config: EvalConfig,
    samples: SamplesFile,
    json_output: JsonFlag = False,
) -> None:
    """Score tests for a benchmark's functions: pass on the reference, kill its mutants."""
    with RichProgress(f"{config.benchmark}: judging tests") as progress:
        outcome = evaluate_tests(config, samples, progress)
    show_outcome(outcome, json_output)
