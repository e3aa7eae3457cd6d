"""ReCode's Robust Pass@k, Drop@k and Relative@k, on verdicts worked out by hand."""

from __future__ import annotations

import pytest

from execbench.metrics.base import RunResults
from execbench.metrics.robustness import robustness_figures, robustness_metric
from execbench.store import ResultLine


def test_greedy_figures_take_the_worst_and_the_best_variant() -> None:
    nominal = {"p1": [True], "p2": [True], "p3": [False], "p4": [True]}
    seed0 = {"p1": [True], "p2": [False], "p3": [True], "p4": [True]}
    seed1 = {"p1": [True], "p2": [True], "p3": [False], "p4": [False]}
    figures = robustness_figures(nominal, [seed0, seed1], k=1)
    assert figures["nominal_pass"] == 0.75
    assert figures["robust_pass"] == 0.25  # only p1 passes on every variant
    assert figures["robust_drop"] == pytest.approx((0.75 - 0.25) / 0.75)
    # p2 and p4 changed for the worse, p3 for the better (its best variant passes).
    assert figures["robust_relative"] == 0.75
    assert figures["problems"] == 4


def test_sampled_figures_align_samples_by_index() -> None:
    nominal = {"p": [True, True, False]}
    variants = [{"p": [True, False, True]}, {"p": [True, True, True]}]
    figures = robustness_figures(nominal, variants, k=1)
    assert figures["nominal_pass"] == pytest.approx(2 / 3)
    assert figures["robust_pass"] == pytest.approx(2 / 3)  # samples 0 and 2 pass everywhere
    # Sample 1 changed for the worse, sample 2 for the worse too (worst case differs): P(3,2,1).
    assert figures["robust_relative"] == pytest.approx(2 / 3)


def test_a_problem_missing_from_a_variant_is_left_out_and_k_past_n_gives_nothing() -> None:
    nominal = {"p": [True], "q": [False]}
    assert robustness_figures(nominal, [{"p": [False]}], k=1)["problems"] == 1
    assert robustness_figures(nominal, [{"p": [True]}], k=2) == {}


def line(task_id: str, passed: bool) -> ResultLine:
    status = "passed" if passed else "failed"
    return ResultLine(
        task_id=task_id, sample_index=0, status=status, passed=passed, program_sha256="x"
    )


def test_the_metric_groups_recode_task_ids_by_family_and_type() -> None:
    lines = [
        line("nominal/HumanEval/0", True),
        line("nominal/HumanEval/1", True),
        line("func_name/FuncRenameCamelCase/s0/HumanEval/0", True),
        line("func_name/FuncRenameCamelCase/s0/HumanEval/1", False),
        line("func_name/FuncRenameSwapChar/s0/HumanEval/0", False),
        line("func_name/FuncRenameSwapChar/s0/HumanEval/1", True),
        line("func_name/FuncRenameSwapChar/s1/HumanEval/0", True),
        line("func_name/FuncRenameSwapChar/s1/HumanEval/1", True),
        line("HumanEval/0", False),  # not a ReCode task: ignored
    ]
    figures = robustness_metric(RunResults(lines, (1,)))["robustness"]
    family = figures["families"]["func_name"]
    assert family["types"] == 2 and family["nominal_set"] == "nominal"
    assert family["by_k"]["1"]["robust_pass"] == 0.0
    swap = figures["types"]["func_name/FuncRenameSwapChar"]
    assert (swap["seeds"], swap["paper_seeds"]) == (2, 10)
    assert swap["by_k"]["1"]["robust_pass"] == 0.5
    assert figures["types"]["func_name/FuncRenameCamelCase"]["paper_seeds"] == 1


def test_no_figures_for_other_benchmarks() -> None:
    assert robustness_metric(RunResults([line("HumanEval/0", True)], (1,))) == {}
