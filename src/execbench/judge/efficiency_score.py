"""ENAMEL's efficiency score of one sample (Qiu et al., 2025, section 2; enam/evaluate.py).

A level's time is the slowest of its inputs, each input's time the Hodges-Lehmann estimate of
its repeated runs. With `limit` = timeout factor x the reference's slowest weighted level, a
level scores (limit - time) / (limit - reference's time), at least 0: 1 matches the reference,
more beats it. A level the sample did not finish within the limit (and every level after it)
scores 0. The sample's score is the weighted mean of its levels' scores.

The same formula applies to any cost measured per input: CPU seconds, or Python lines counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median


def hodges_lehmann(values: Sequence[float]) -> float:
    """The median of all pairwise means (each value with itself included): robust to a few
    outlying repeats, which a loaded machine produces."""
    pairs = [(a + b) / 2 for i, a in enumerate(values) for b in values[: i + 1]]
    return float(median(pairs))


def relative_spread(values: Sequence[float]) -> float:
    """(slowest - fastest) / Hodges-Lehmann estimate: how much the repeats disagree."""
    centre = hodges_lehmann(values)
    return (max(values) - min(values)) / centre if centre > 0 else 0.0


def level_score(cost: float, reference: float, limit: float) -> float:
    return max(0.0, limit - cost) / (limit - reference)


def sample_score(
    finished: Sequence[float], references: Sequence[float], limit: float, weights: Sequence[float]
) -> tuple[float, list[float]]:
    """The weighted score and the per-level scores, given the cost of each level finished in
    order (`finished` may stop short: the remaining levels score 0). Levels of weight 0 score 0
    (they only check correctness; their reference is not measured)."""
    scores = [
        level_score(cost, reference, limit) if weight else 0.0
        for cost, reference, weight in zip(finished, references, weights, strict=False)
    ]
    scores += [0.0] * (len(weights) - len(scores))
    total = sum(weights)
    return sum(s * w for s, w in zip(scores, weights, strict=True)) / total, scores
