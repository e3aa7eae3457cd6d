"""Bradley–Terry ratings on the Elo scale from per-task pairwise outcomes, with intervals.

On each task, model i beats model j with weight p_i (1 - p_j), p being the fraction of the
task's samples that passed: the chance that a sample of i passes where one of j fails (with one
sample each, a plain win, loss or tie; ties carry no information and count for neither). The
strengths maximise the Bradley–Terry likelihood (Hunter's MM algorithm), with half a virtual win
each way for every pair so a model that never loses still gets a finite rating. Ratings are
400·log10(strength), centred on 1000. Intervals and rank ranges come from 1,000 bootstrap
resamples of the tasks (fixed seed); a rank range is the central 95% of the ranks a model held.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from execbench.metrics.bootstrap import task_weights

RATING_RESAMPLES = 1_000
PRIOR_WINS = 0.5
CENTRE = 1000.0
_SCALE = 400.0 / np.log(10.0)
_TOLERANCE = 1e-9
_MAX_ITERATIONS = 10_000


@dataclass(frozen=True)
class Ratings:
    ratings: np.ndarray  # (models,)
    ci95: np.ndarray  # (models, 2)
    rank_ranges: np.ndarray  # (models, 2), 1 = best


def pairwise_wins(rates: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(resamples, models, models) wins of row over column, from (tasks, models) pass rates and
    (resamples, tasks) task weights."""
    tasks, models = rates.shape
    per_task = (rates[:, :, None] * (1.0 - rates)[:, None, :]).reshape(tasks, models * models)
    return (weights @ per_task).reshape(-1, models, models)


def fit_bradley_terry(wins: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """Elo-scale ratings (…, models) from win matrices (…, models, models); `start`, ratings
    to start the iteration from (a bootstrap starts from the point estimate: fewer steps)."""
    models = wins.shape[-1]
    wins = wins + PRIOR_WINS * (1.0 - np.eye(models))
    total_wins = wins.sum(axis=-1)
    games = wins + np.swapaxes(wins, -1, -2)
    strength = np.ones(wins.shape[:-1])
    if start is not None:
        strength = strength * np.exp((start - CENTRE) / _SCALE)
    for _ in range(_MAX_ITERATIONS):
        pair_sums = strength[..., :, None] + strength[..., None, :]
        updated = total_wins / (games / pair_sums).sum(axis=-1)
        updated /= np.exp(np.log(updated).mean(axis=-1, keepdims=True))
        converged = np.max(np.abs(np.log(updated) - np.log(strength))) < _TOLERANCE
        strength = updated
        if converged:
            break
    log_strength = np.log(strength)
    return CENTRE + _SCALE * (log_strength - log_strength.mean(axis=-1, keepdims=True))


def _ranks(ratings: np.ndarray) -> np.ndarray:
    """1 + how many models rate strictly higher, per row."""
    return 1 + (ratings[..., None, :] > ratings[..., :, None]).sum(axis=-1)


def rate_models(rates: np.ndarray) -> Ratings:
    """Ratings for the columns of (tasks, models) pass rates."""
    tasks, _ = rates.shape
    point = fit_bradley_terry(pairwise_wins(rates, np.ones((1, tasks))))[0]
    draws = np.concatenate(
        [
            fit_bradley_terry(pairwise_wins(rates, weights), start=point)
            for weights in task_weights(tasks, RATING_RESAMPLES)
        ]
    )
    ci95 = np.round(np.percentile(draws, [2.5, 97.5], axis=0).T, 1)
    ranks = _ranks(draws)
    rank_ranges = np.stack(
        [
            np.percentile(ranks, 2.5, axis=0, method="lower"),
            np.percentile(ranks, 97.5, axis=0, method="higher"),
        ],
        axis=1,
    ).astype(int)
    return Ratings(np.round(point, 1), ci95, rank_ranges)
