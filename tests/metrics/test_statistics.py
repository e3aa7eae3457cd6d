"""Intervals, paired tests and ratings: known values, and the same answer on every rerun."""

from __future__ import annotations

import math

import numpy as np
import pytest

from execbench.core import Status
from execbench.core.failure_kind import failure_kind
from execbench.metrics import aggregate_pass_at_k
from execbench.metrics.paired import mcnemar_exact, paired_delta_ci95, paired_permutation
from execbench.metrics.ratings import PRIOR_WINS, fit_bradley_terry, rate_models


def test_one_sample_per_task_at_0_7_on_164_tasks_is_about_7_points_either_way():
    counts = [(1, 1)] * 115 + [(1, 0)] * 49  # pass@1 = 0.701
    result = aggregate_pass_at_k(counts, [1])
    low, high = result.ci95["1"]
    assert low < result.values["1"] < high
    assert 0.06 < (high - low) / 2 < 0.08  # sqrt(0.7 * 0.3 / 164) * 1.96 = 0.070
    assert aggregate_pass_at_k(counts, [1]).ci95 == result.ci95  # fixed seed


def test_every_task_solved_has_no_spread():
    assert aggregate_pass_at_k([(5, 5)] * 10, [1, 5]).ci95 == {"1": (1.0, 1.0), "5": (1.0, 1.0)}


@pytest.mark.parametrize(
    ("a_only", "b_only", "p"),
    [(0, 5, 2 / 32), (3, 3, 1.0), (1, 9, 2 * 11 / 1024), (0, 0, 1.0)],
)
def test_mcnemar_exact(a_only, b_only, p):
    assert mcnemar_exact(a_only, b_only) == pytest.approx(p)


def test_permutation_exact_for_few_tasks_and_sampled_for_many():
    assert paired_permutation(np.array([0.5, 0.5, 0.5, 0.5, 0.0])) == pytest.approx(2 / 16)
    assert paired_permutation(np.zeros(10)) == 1.0
    balanced = np.array([0.3, -0.3] * 20)
    assert paired_permutation(balanced) == 1.0
    one_sided = np.full(40, 0.2)
    assert paired_permutation(one_sided) == pytest.approx(1 / 10_001)


def test_paired_interval_is_of_b_minus_a():
    a = np.array([1.0] * 50 + [0.0] * 50)
    low, high = paired_delta_ci95(a, np.ones(100))
    assert 0.35 < low < 0.5 < high < 0.65


def test_bradley_terry_matches_the_closed_form_for_two_models():
    ratings = fit_bradley_terry(np.array([[[0.0, 30.0], [10.0, 0.0]]]))[0]
    expected = 400 * math.log10((30 + PRIOR_WINS) / (10 + PRIOR_WINS))
    assert ratings[0] - ratings[1] == pytest.approx(expected, abs=1e-6)
    assert ratings.mean() == pytest.approx(1000.0)


def test_a_model_that_never_loses_still_gets_a_finite_rating():
    ratings = fit_bradley_terry(np.array([[[0.0, 10.0], [0.0, 0.0]]]))[0]
    assert ratings[0] - ratings[1] == pytest.approx(400 * math.log10(10.5 / 0.5), abs=1e-6)


def test_ratings_order_models_and_give_rank_ranges():
    rng = np.random.default_rng(3)
    rates = (rng.random((164, 3)) < np.array([0.2, 0.5, 0.9])).astype(float)
    rated = rate_models(rates)
    assert list(np.argsort(-rated.ratings)) == [2, 1, 0]
    assert all(low < r < high for r, (low, high) in zip(rated.ratings, rated.ci95, strict=True))
    assert rated.rank_ranges.tolist() == [[3, 3], [2, 2], [1, 1]]
    twins = np.repeat(rates[:, :1], 2, axis=1)  # two identical models share every rank
    assert rate_models(twins).rank_ranges.tolist() == [[1, 1], [1, 1]]


@pytest.mark.parametrize(
    ("status", "error_type", "blank", "kind"),
    [
        (Status.PASSED, None, False, None),
        (Status.FAILED, "AssertionError", False, "wrong_answer"),
        (Status.COMPILE_ERROR, "SyntaxError", False, "compile_error"),
        (Status.COMPILE_ERROR, "SyntaxError", True, "no_code"),
        (Status.ERROR, "ModuleNotFoundError", False, "import_error"),
        (Status.ERROR, "NameError", False, "name_error"),
        (Status.ERROR, "TypeError", False, "runtime_error:TypeError"),
        (Status.ERROR, None, False, "runtime_error"),
        (Status.TIMEOUT, None, False, "timeout"),
        (Status.MEMORY, "MemoryError", False, "memory"),
        (Status.SANDBOX_ERROR, None, True, "environment"),
    ],
)
def test_failure_kinds(status, error_type, blank, kind):
    assert failure_kind(status, error_type, blank) == kind
