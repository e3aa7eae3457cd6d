from math import comb

import pytest

from execbench.metrics import aggregate_pass_at_k, pass_at_k


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (1, 1, 1, 1.0),
        (1, 0, 1, 0.0),
        (10, 3, 1, 0.3),
        (10, 0, 10, 0.0),
        (10, 1, 10, 1.0),
        # 1 - C(7,2)/C(10,2) = 1 - 21/45
        (10, 3, 2, 1 - 21 / 45),
        # 1 - C(195,10)/C(200,10), by exact binomials
        (200, 5, 10, 1 - comb(195, 10) / comb(200, 10)),
        (5, 4, 2, 1.0),  # fewer than k wrong samples: a pass is certain
    ],
)
def test_estimator_matches_hand_computed_values(n, c, k, expected):
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_estimator_refuses_k_larger_than_n():
    with pytest.raises(ValueError, match="undefined"):
        pass_at_k(3, 1, 5)


def test_aggregate_is_the_mean_over_tasks():
    result = aggregate_pass_at_k([(10, 3), (10, 10), (10, 0)], [1, 10])
    assert result.values["1"] == pytest.approx((0.3 + 1.0 + 0.0) / 3)
    assert result.values["10"] == pytest.approx((1.0 + 1.0 + 0.0) / 3)
    assert result.unavailable == {}


def test_k_above_some_task_sample_count_is_reported_not_inflated():
    result = aggregate_pass_at_k([(10, 10), (2, 0)], [1, 5])
    assert "5" not in result.values
    assert "1 of 2 tasks have fewer than 5 samples" in result.unavailable["5"]
    assert result.values["1"] == pytest.approx(0.5)
