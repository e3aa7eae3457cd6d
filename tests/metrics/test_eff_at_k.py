"""eff@k: ENAMEL's unbiased estimator, and the summary fields it fills."""

from __future__ import annotations

from itertools import combinations

import pytest

from execbench.metrics.base import RunResults
from execbench.metrics.eff_at_k import eff_at_k, eff_at_k_metric
from execbench.store import ResultLine


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_eff_at_k_is_the_expected_best_of_k_samples(k: int) -> None:
    scores = [0.0, 0.7, 1.2, 0.35, 0.9]
    subsets = list(combinations(scores, k))
    expected = sum(max(subset) for subset in subsets) / len(subsets)
    assert eff_at_k(scores, k) == pytest.approx(expected)


def test_eff_at_k_is_undefined_past_n() -> None:
    with pytest.raises(ValueError, match="undefined"):
        eff_at_k([0.5], 2)


def line(task_id: str, index: int, passed: bool) -> ResultLine:
    status = "passed" if passed else "failed"
    return ResultLine(
        task_id=task_id, sample_index=index, status=status, passed=passed, program_sha256="x"
    )


def test_the_metric_scores_failures_zero_and_gives_both_figures() -> None:
    lines = [line("a", 0, True), line("a", 1, False), line("b", 0, True), line("b", 1, True)]
    measures = {
        ("a", 0): {"enamel": {"eff": 0.8, "eff_lines": 1.0, "spread": 0.1}},
        ("a", 1): {"enamel": {"eff": 0.9, "eff_lines": 0.9}},  # failed: scores 0 whatever
        ("b", 0): {"enamel": {"eff": 0.2, "eff_lines": 0.5, "spread": 0.3}},
        ("b", 1): {"enamel": {"eff": 0.4, "eff_lines": 0.5, "spread": 0.2}},
    }
    fields = eff_at_k_metric(RunResults(lines, (1, 2), measures))
    assert fields["eff_at_k"] == {"1": pytest.approx(0.35), "2": pytest.approx(0.6)}
    assert fields["eff_at_k_lines"] == {"1": pytest.approx(0.5), "2": pytest.approx(0.75)}
    low, high = fields["eff_at_k_ci95"]["1"]
    assert low <= 0.35 <= high
    assert fields["eff_spread"]["median"] == pytest.approx(0.2)


def test_no_figure_without_enamel_measures_nor_for_a_pass_missing_them() -> None:
    lines = [line("a", 0, True)]
    assert eff_at_k_metric(RunResults(lines, (1,), {})) == {}
    partial = {("a", 0): {"enamel": {"eff": 0.5}}}
    fields = eff_at_k_metric(RunResults(lines, (1,), partial))
    assert fields["eff_at_k"] == {"1": 0.5}
    assert "eff_at_k_lines" not in fields
