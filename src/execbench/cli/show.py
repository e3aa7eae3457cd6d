"""`execbench show`: one judged sample — raw reply, extracted program, verdict."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from execbench.analysis.show import show_sample
from execbench.cli.analysis_options import AnalysisJson, RunDir
from execbench.cli.app import app
from execbench.cli.consoles import stdout
from execbench.report.analysis_tables import print_sample
from execbench.report.trajectory_view import print_trajectory


@app.command()
def show(
    run: RunDir,
    task_id: Annotated[str, typer.Argument(help="The task, e.g. HumanEval/3.")],
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample", help="0-based sample index (default: the first that did not pass)."
        ),
    ] = None,
    json_output: AnalysisJson = False,
) -> None:
    """Show a sample as the run judged it: raw reply, extracted program, verdict, first failure;
    for a strategy's run, the trajectory it came out of (calls, attempts, ranking)."""
    view = show_sample(run, task_id, sample)
    if json_output:
        print(json.dumps(view.to_dict(), indent=2))
        return
    print_sample(view, stdout)
    if view.trajectory is not None:
        stdout.rule("how the strategy got there")
        print_trajectory(view.trajectory, stdout)
