"""The unbiased pass@k estimator of Chen et al. (2021), its mean over tasks, and its interval."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from execbench.metrics.base import RunResults, register_metric
from execbench.metrics.bootstrap import bootstrap_means, interval
from execbench.metrics.counts import per_task_counts


def pass_at_k(n: int, c: int, k: int) -> float:
    """Probability that at least one of k samples drawn from n (c correct) passes.

    1 - C(n-c, k) / C(n, k), computed as a stable product. Undefined for k > n.
    """
    if not 0 <= c <= n:
        raise ValueError(f"need 0 <= c <= n, got n={n}, c={c}")
    if k < 1 or k > n:
        raise ValueError(f"pass@{k} is undefined for n={n} samples")
    if n - c < k:
        return 1.0
    return float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))


@dataclass(frozen=True)
class PassAtK:
    """pass@k per requested k, its 95% interval, and the ks that some task had too few samples
    for."""

    values: Mapping[str, float]
    unavailable: Mapping[str, str]
    ci95: Mapping[str, tuple[float, float]]


def aggregate_pass_at_k(counts: Sequence[tuple[int, int]], ks: Sequence[int]) -> PassAtK:
    """Mean pass@k over tasks given (n, c) per task, with a bootstrap-over-tasks interval.

    A k larger than some task's n is reported as unavailable with the reason rather than being
    dropped silently or computed on a subset (which would inflate it).
    """
    values: dict[str, float] = {}
    unavailable: dict[str, str] = {}
    ci95: dict[str, tuple[float, float]] = {}
    for k in sorted(set(ks)):
        short = [n for n, _ in counts if n < k]
        if not counts:
            unavailable[str(k)] = "no tasks were evaluated"
        elif short:
            unavailable[str(k)] = (
                f"{len(short)} of {len(counts)} tasks have fewer than {k} samples "
                f"(smallest: {min(short)})"
            )
        else:
            per_task = np.array([pass_at_k(n, c, k) for n, c in counts])
            values[str(k)] = float(np.mean(per_task))
            ci95[str(k)] = interval(bootstrap_means(per_task))
    return PassAtK(values, unavailable, ci95)


DEFAULT_KS = (1, 10, 100)


def default_ks(counts: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """Without -k: the customary 1, 10 and 100, keeping those every task has samples for."""
    fewest = min((n for n, _ in counts), default=1)
    return tuple(k for k in DEFAULT_KS if k <= fewest) or (1,)


@register_metric("pass_at_k")
def pass_at_k_metric(run: RunResults) -> Mapping[str, Any]:
    counts = list(per_task_counts(run.lines).values())
    result = aggregate_pass_at_k(counts, run.ks or default_ks(counts))
    return {
        "pass_at_k": dict(result.values),
        "pass_at_k_ci95": dict(result.ci95),
        "pass_at_k_unavailable": dict(result.unavailable),
    }
