"""pass@k over a ranking as CodeT defines it: ties merged, picks spread over the ties."""

from __future__ import annotations

import pytest

from execbench.metrics.ranked_pass_at_k import aggregate_ranked_pass_at_k, ranked_pass_at_k


def test_the_top_group_decides_pass_at_1():
    assert ranked_pass_at_k([(5.0, [True, False, False, True]), (4.0, [True])], 1) == 0.5


def test_groups_of_equal_score_are_one_tie():
    # One tie of 1 right in 3: pass@1 is 1/3, not the first group's 0.
    assert ranked_pass_at_k([(4.0, [False]), (4.0, [True, False]), (1.0, [True])], 1) == (
        pytest.approx(1 / 3)
    )


def test_picks_beyond_the_ties_go_round_again_from_the_top():
    # Two ties, k = 5: the first gets 3 picks, the second 2 (with replacement).
    groups = [(9.0, [True, False]), (2.0, [False, False, False, True])]
    assert ranked_pass_at_k(groups, 5) == pytest.approx(1 - 0.5**3 * 0.75**2)
    assert ranked_pass_at_k(groups, 2) == pytest.approx(1 - 0.5 * 0.75)


def test_unranked_tasks_fall_back_on_plain_pass_at_k():
    rankings = {"a": [(3.0, [True])], "b": []}
    counts = {"a": (4, 1), "b": (4, 2)}
    found = aggregate_ranked_pass_at_k(rankings, counts, [1, 5])
    assert found.values == {"1": pytest.approx((1.0 + 0.5) / 2)}
    assert "fewer than 5 samples" in found.unavailable["5"]
