"""pass@1 per group of tasks (LiveCodeBench's leaderboard): every task weighs the same."""

from __future__ import annotations

import pytest

from execbench.metrics.breakdown import pass_at_1_breakdowns, pass_at_1_by_group


def test_groups_average_tasks_not_samples() -> None:
    counts = {"a": (10, 10), "b": (1, 0), "c": (4, 1), "d": (2, 2)}
    labels = {"a": "hard", "b": "hard", "c": "easy", "d": "medium"}
    groups = pass_at_1_by_group(counts, labels)
    assert list(groups) == ["easy", "medium", "hard"]  # difficulty order, not alphabetical
    assert groups["hard"].n_tasks == 2
    assert groups["hard"].pass_at_1 == pytest.approx(0.5)  # (1.0 + 0.0) / 2, not 10/11
    assert groups["easy"].pass_at_1 == pytest.approx(0.25)


def test_unlabelled_tasks_and_empty_groupings_are_left_out() -> None:
    counts = {"a": (1, 1), "b": (1, 0)}
    found = pass_at_1_breakdowns(counts, {"month": {"a": "2024-01"}, "difficulty": {}})
    assert list(found) == ["month"]
    assert found["month"]["2024-01"].n_tasks == 1
    months = pass_at_1_by_group(counts, {"a": "2024-02", "b": "2023-12"})
    assert list(months) == ["2023-12", "2024-02"]
