"""The percentile bootstrap over tasks that every interval in execbench uses.

Tasks are the unit resampled: a benchmark is a sample of tasks, and samples of one task are not
independent of each other. 10,000 resamples with a fixed seed, so an interval is the same on every
rerun; resamples come in chunks that bound memory for benchmarks of thousands of tasks.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

RESAMPLES = 10_000
SEED = 0
_CELLS_PER_CHUNK = 2_000_000


def task_weights(
    n_tasks: int, resamples: int = RESAMPLES, seed: int = SEED
) -> Iterator[np.ndarray]:
    """Chunks of (resamples, n_tasks) counts: how often each task is drawn in each resample."""
    rng = np.random.default_rng(seed)
    step = max(1, _CELLS_PER_CHUNK // max(n_tasks, 1))
    for start in range(0, resamples, step):
        rows = min(step, resamples - start)
        drawn = rng.integers(0, n_tasks, size=(rows, n_tasks))
        # Count draws per (resample, task) in one pass: offset each row into its own range.
        flat = drawn + (np.arange(rows) * n_tasks)[:, None]
        yield np.bincount(flat.ravel(), minlength=rows * n_tasks).reshape(rows, n_tasks)


def bootstrap_means(values: np.ndarray, resamples: int = RESAMPLES, seed: int = SEED) -> np.ndarray:
    """Means of `values` (tasks on axis 0, any columns after) over resampled task sets."""
    n_tasks = values.shape[0]
    flat = values.reshape(n_tasks, -1)
    chunks = [weights @ flat / n_tasks for weights in task_weights(n_tasks, resamples, seed)]
    return np.concatenate(chunks).reshape((resamples, *values.shape[1:]))


def interval(draws: np.ndarray) -> tuple[float, float]:
    """The central 95% of bootstrap draws, rounded to 6 decimals (stable across platforms)."""
    low, high = np.percentile(draws, [2.5, 97.5])
    return round(float(low), 6), round(float(high), 6)
