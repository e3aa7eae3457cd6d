"""The leaderboard page: ranked table, pass@1 and ratings with intervals, model x task heatmap."""

from __future__ import annotations

import os
from pathlib import Path

from execbench.analysis.leaderboard import Leaderboard
from execbench.report.pages import render_page


def render_leaderboard(board: Leaderboard) -> str:
    labels = [f"{entry.model} ({Path(entry.run).name})" for entry in board.entries]
    data = {
        "leaderboard": {
            "labels": labels,
            "pass_at_1": [entry.pass_at_1 for entry in board.entries],
            "pass_ci95": [list(entry.ci95) for entry in board.entries],
            "ratings": [entry.rating for entry in board.entries],
            "rating_ci95": [list(entry.rating_ci95) for entry in board.entries],
            "tasks": board.task_ids,
            "rates": board.pass_rates,
        }
    }
    return render_page("leaderboard.html.j2", data, board=board)


def write_leaderboard_html(board: Leaderboard, path: Path) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(render_leaderboard(board), encoding="utf-8")
    os.replace(partial, path)
