"""eff@k (ENAMEL, Qiu et al., 2025): the expected best efficiency score among k samples.

Each sample has an efficiency score (judge/efficiency_tests.py; 0 when it failed). Per task, with
n scores sorted ascending e_1 <= ... <= e_n, the unbiased (Rao-Blackwellised) estimator is
sum over i >= k of C(i-1, k-1) / C(n, k) * e_i, computed as ENAMEL computes it (a running
product, stable for large n). eff@k is its mean over tasks, with a bootstrap interval over tasks.

Filled only for runs whose samples carry ENAMEL measures: `eff_at_k` (timed, CPU seconds),
`eff_at_k_lines` (the same score with Python lines counted instead of seconds: the same on every
machine), their intervals, and `eff_spread`: how far repeated timings of one input disagree
(median and 90th percentile over passing samples), the noise the timed figure carries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from execbench.metrics.base import RunResults, register_metric
from execbench.metrics.bootstrap import bootstrap_means, interval
from execbench.metrics.pass_at_k import DEFAULT_KS

MEASURE = "enamel"


def eff_at_k(scores: Sequence[float], k: int) -> float:
    """The unbiased eff@k of one task's sample scores. Undefined for k > n."""
    n = len(scores)
    if k < 1 or k > n:
        raise ValueError(f"eff@{k} is undefined for n={n} samples")
    weights = [k / n]
    for r in range(n - 1, k - 1, -1):
        weights.append(weights[-1] * (1 - (k - 1) / r))
    ordered = np.sort(np.asarray(scores, dtype=float))[k - 1 :]
    return float(np.dot(np.flip(np.asarray(weights)), ordered))


def task_scores(run: RunResults, field: str) -> dict[str, list[float]] | None:
    """Per task, each sample's score in `field` (0 for a sample that did not pass); None when
    some passing sample has no such measure (then the figure cannot be given)."""
    scores: dict[str, list[float]] = {}
    for line in run.lines:
        measured = run.measures.get((line.task_id, line.sample_index), {}).get(MEASURE, {})
        if line.passed and field not in measured:
            return None
        scores.setdefault(line.task_id, []).append(float(measured[field]) if line.passed else 0.0)
    return scores


def aggregate_eff_at_k(
    scores: Mapping[str, Sequence[float]], ks: Sequence[int]
) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    values: dict[str, float] = {}
    ci95: dict[str, tuple[float, float]] = {}
    for k in sorted(set(ks)):
        if not scores or any(len(task) < k for task in scores.values()):
            continue  # pass_at_k_unavailable already says why
        per_task = np.array([eff_at_k(task, k) for task in scores.values()])
        values[str(k)] = round(float(per_task.mean()), 6)
        ci95[str(k)] = interval(bootstrap_means(per_task))
    return values, ci95


@register_metric("eff_at_k")
def eff_at_k_metric(run: RunResults) -> Mapping[str, Any]:
    if not any(MEASURE in measured for measured in run.measures.values()):
        return {}
    fewest = min((len(s) for s in (task_scores(run, "eff") or {"": [0]}).values()), default=1)
    ks = run.ks or tuple(k for k in DEFAULT_KS if k <= fewest) or (1,)
    fields: dict[str, Any] = {}
    for name, field in (("eff_at_k", "eff"), ("eff_at_k_lines", "eff_lines")):
        scores = task_scores(run, field)
        if scores is not None:
            fields[name], fields[f"{name}_ci95"] = aggregate_eff_at_k(scores, ks)
    spreads = [
        float(measured[MEASURE]["spread"])
        for measured in run.measures.values()
        if "spread" in measured.get(MEASURE, {})
    ]
    if spreads:
        low, high = np.percentile(spreads, [50, 90])
        fields["eff_spread"] = {"median": round(float(low), 4), "p90": round(float(high), 4)}
    return fields
