"""`execbench leaderboard`: many runs of one benchmark, ranked, with ratings and intervals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from execbench.analysis.leaderboard import build_leaderboard
from execbench.cli.analysis_options import AnalysisJson, CommonTasks
from execbench.cli.app import app
from execbench.cli.consoles import stdout
from execbench.report.analysis_tables import print_leaderboard


@app.command()
def leaderboard(
    runs: Annotated[
        list[Path], typer.Argument(help="Run directories, or directories holding runs.")
    ],
    json_output: AnalysisJson = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a page with a model x task heatmap.")
    ] = None,
    common_tasks: CommonTasks = False,
) -> None:
    """Rank runs of one benchmark by pass@1 (95% interval) with Bradley-Terry ratings on the Elo
    scale and the ranks each can hold. Reads the stored verdicts only."""
    board = build_leaderboard(runs, common_tasks)
    if html is not None:
        from execbench.report.leaderboard_html import write_leaderboard_html  # jinja2: only now

        write_leaderboard_html(board, html)
    if json_output:
        print(json.dumps(board.to_dict(), indent=2))
        return
    print_leaderboard(board, stdout)
    if html is not None:
        stdout.print(f"page written to {html}")
