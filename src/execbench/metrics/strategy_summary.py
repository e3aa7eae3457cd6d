"""A strategy run's figures: pass@k over CodeT's ranking, and what the trajectories took."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import mean
from typing import Any

from execbench.metrics.pass_at_k import PassAtK, aggregate_pass_at_k
from execbench.metrics.ranked_pass_at_k import RankedGroups, aggregate_ranked_pass_at_k
from execbench.store import ResultLine, StrategySummary, Summary
from execbench.strategies.trajectory import Trajectory


def with_strategy(
    summary: Summary,
    identity: Mapping[str, Any],
    ranks: bool,
    trajectories: Sequence[Trajectory],
    results: Sequence[ResultLine],
) -> Summary:
    """`summary` with the strategy's figures; a ranking strategy's pass@k (and its interval) is
    over its ranking, for the same ks."""
    ks = sorted(int(k) for k in {**summary.pass_at_k, **summary.pass_at_k_unavailable})
    ranked, figures = summarize_strategy(identity, ranks, trajectories, results, ks)
    update: dict[str, Any] = {"strategy": figures}
    if ranked is not None:
        update |= {
            "pass_at_k": dict(ranked.values),
            "pass_at_k_unavailable": dict(ranked.unavailable),
            "pass_at_k_ci95": dict(ranked.ci95),
        }
    return summary.model_copy(update=update)


def summarize_strategy(
    identity: Mapping[str, Any],
    ranks: bool,
    trajectories: Sequence[Trajectory],
    results: Sequence[ResultLine],
    ks: Sequence[int],
) -> tuple[PassAtK | None, StrategySummary]:
    """The ranked pass@k (None unless the strategy `ranks`) and the strategy's summary."""
    counts: dict[str, tuple[int, int]] = {}
    passed: dict[tuple[str, int], bool] = {}
    for line in results:
        n, c = counts.get(line.task_id, (0, 0))
        counts[line.task_id] = (n + 1, c + int(line.passed))
        passed[line.task_id, line.sample_index] = line.passed
    ranked = None
    unranked = None
    if ranks:
        rankings = {t.task_id: _judged_ranking(t, passed) for t in trajectories}
        ranked = aggregate_ranked_pass_at_k(rankings, counts, ks)
        unranked = dict(aggregate_pass_at_k(list(counts.values()), ks).values)
    summary = StrategySummary(
        name=identity["name"],
        settings=dict(identity["settings"]),
        model_calls=sum(len(trajectory.calls) for trajectory in trajectories),
        mean_rounds=mean(t.rounds_used for t in trajectories) if trajectories else None,
        pass_at_k_unranked=unranked,
    )
    return ranked, summary


def _judged_ranking(trajectory: Trajectory, passed: Mapping[tuple[str, int], bool]) -> RankedGroups:
    """The ranking's groups with their samples' verdicts. A sample the model never delivered
    has no verdict and no place in the ranking."""
    groups = []
    for group in trajectory.ranking or ():
        keys = [(trajectory.task_id, index) for index in group.sample_indices]
        verdicts = [passed[key] for key in keys if key in passed]
        if verdicts:
            groups.append((group.score, verdicts))
    return groups
