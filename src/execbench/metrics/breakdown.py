"""pass@1 over groups of tasks, as LiveCodeBench's leaderboard shows it: by difficulty and by
the month the problem was published (its contest date).

A task's pass@1 is the share of its samples that passed (c/n, the unbiased estimate); a group's
is the mean over its tasks, every task weighing the same whatever its number of samples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from execbench.metrics.base import RunResults, register_metric
from execbench.metrics.counts import per_task_counts
from execbench.store import GroupRate

# The usual order of difficulty labels; others follow in alphabetical order.
_DIFFICULTY_ORDER = ("easy", "medium", "hard", "introductory", "interview", "competition")


@dataclass(frozen=True)
class GroupPassRate:
    n_tasks: int
    pass_at_1: float


def pass_at_1_by_group(
    counts: Mapping[str, tuple[int, int]], labels: Mapping[str, str]
) -> dict[str, GroupPassRate]:
    """Mean pass@1 per label, from task_id -> (samples, passed) and task_id -> label.

    Tasks without a label, or without samples, are in no group.
    """
    rates: dict[str, list[float]] = {}
    for task_id, (n, c) in counts.items():
        label = labels.get(task_id)
        if label is not None and n > 0:
            rates.setdefault(label, []).append(c / n)
    ordered = sorted(rates, key=_label_order)
    return {
        label: GroupPassRate(len(rates[label]), sum(rates[label]) / len(rates[label]))
        for label in ordered
    }


def _label_order(label: str) -> tuple[int, str]:
    known = label in _DIFFICULTY_ORDER
    return (_DIFFICULTY_ORDER.index(label) if known else len(_DIFFICULTY_ORDER), label)


def pass_at_1_breakdowns(
    counts: Mapping[str, tuple[int, int]], groupings: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, GroupPassRate]]:
    """For each grouping (name -> task_id -> label) with at least one labelled task judged, the
    pass@1 of each of its groups."""
    found = {name: pass_at_1_by_group(counts, labels) for name, labels in groupings.items()}
    return {name: groups for name, groups in found.items() if groups}


@register_metric("pass_at_1_by")
def pass_at_1_by(run: RunResults) -> Mapping[str, Any]:
    found = pass_at_1_breakdowns(per_task_counts(run.lines), run.groupings)
    return {
        "pass_at_1_by": {
            grouping: {
                label: GroupRate(n_tasks=group.n_tasks, pass_at_1=group.pass_at_1)
                for label, group in groups.items()
            }
            for grouping, groups in found.items()
        }
    }
