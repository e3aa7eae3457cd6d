"""`execbench leaderboard`: many runs of one benchmark, ranked, from their stored verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from execbench.analysis.runs import find_runs, load_run, shared_tasks
from execbench.core import UserError
from execbench.metrics.bootstrap import bootstrap_means, interval
from execbench.metrics.ratings import rate_models


@dataclass(frozen=True)
class LeaderboardEntry:
    run: str
    model: str
    pass_at_1: float
    ci95: tuple[float, float]
    rating: float
    rating_ci95: tuple[float, float]
    rank_range: tuple[int, int]
    n_tasks: int


@dataclass(frozen=True)
class Leaderboard:
    benchmark: str
    entries: list[LeaderboardEntry]  # best pass@1 first
    task_ids: list[str]
    pass_rates: list[list[float]]  # per entry, per task: the model x task heatmap
    note: str = ""

    def to_dict(self, with_tasks: bool = False) -> dict[str, Any]:
        board = asdict(self)
        if not with_tasks:
            del board["task_ids"], board["pass_rates"]
        return board


def build_leaderboard(paths: Sequence[Path], common_tasks: bool = False) -> Leaderboard:
    runs = [load_run(path) for path in find_runs(paths)]
    if len(runs) < 2:
        raise UserError(f"a leaderboard needs at least two runs, found {len(runs)}")
    chosen = shared_tasks(runs, common_tasks)
    rates = np.stack([run.pass_rates(chosen.task_ids) for run in runs], axis=1)
    intervals = [interval(draws) for draws in bootstrap_means(rates).T]
    rated = rate_models(rates)
    means = rates.mean(axis=0)
    order = sorted(range(len(runs)), key=lambda i: (-means[i], -rated.ratings[i], runs[i].name))
    entries = [
        LeaderboardEntry(
            run=str(runs[i].path),
            model=runs[i].summary.model,
            pass_at_1=round(float(means[i]), 6),
            ci95=intervals[i],
            rating=float(rated.ratings[i]),
            rating_ci95=(float(rated.ci95[i, 0]), float(rated.ci95[i, 1])),
            rank_range=(int(rated.rank_ranges[i, 0]), int(rated.rank_ranges[i, 1])),
            n_tasks=len(chosen.task_ids),
        )
        for i in order
    ]
    heatmap = [[round(float(v), 4) for v in rates[:, i]] for i in order]
    return Leaderboard(runs[0].identity.benchmark, entries, chosen.task_ids, heatmap, chosen.note)
