"""Options the analysis commands (compare, leaderboard, show, export) share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RunDir = Annotated[Path, typer.Argument(help="A run's output directory (its --out).")]
AnalysisJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
CommonTasks = Annotated[
    bool,
    typer.Option(
        "--common-tasks",
        help="Runs for different task sets: compare the tasks they share (and say so).",
    ),
]
