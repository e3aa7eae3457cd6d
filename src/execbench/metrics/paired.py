"""Two runs on the same tasks: the difference in pass@1, its interval, and whether it is chance.

The unit is the task, paired across the runs. With one sample per task, McNemar's exact test on
the tasks only one run solves; with more, a paired permutation test on the per-task difference in
pass rate (exact up to 2**16 sign patterns, else 10,000 random ones, fixed seed, with the usual
+1 correction so a p-value is never 0).
"""

from __future__ import annotations

import math

import numpy as np

from execbench.metrics.bootstrap import RESAMPLES, SEED, bootstrap_means, interval

_EXACT_UP_TO = 16
_CELLS_PER_CHUNK = 2_000_000


def paired_delta_ci95(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """95% bootstrap interval of mean(b - a), tasks resampled in pairs."""
    return interval(bootstrap_means(b - a))


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided exact McNemar p-value from the discordant counts (a binomial test at 1/2)."""
    n = a_only + b_only
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(a_only, b_only) + 1))
    return min(1.0, 2 * tail / 2**n)


def paired_permutation(differences: np.ndarray) -> float:
    """Two-sided p-value of mean(differences) = 0 by flipping the sign of each task's difference."""
    d = differences[differences != 0]
    if d.size == 0:
        return 1.0
    observed = abs(d.sum()) - 1e-12
    if d.size <= _EXACT_UP_TO:
        patterns = (np.arange(2**d.size)[:, None] >> np.arange(d.size)) & 1
        sums = np.abs((1 - 2 * patterns) @ d)
        return float(np.mean(sums >= observed))
    rng = np.random.default_rng(SEED)
    step = max(1, _CELLS_PER_CHUNK // d.size)
    hits = 0
    for start in range(0, RESAMPLES, step):
        signs = rng.choice((-1.0, 1.0), size=(min(step, RESAMPLES - start), d.size))
        hits += int(np.count_nonzero(np.abs(signs @ d) >= observed))
    return (hits + 1) / (RESAMPLES + 1)
