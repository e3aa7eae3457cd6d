"""TestEval's figures and the mutation score, from the parts judged samples carry."""

from __future__ import annotations

import pytest

from execbench.core import Limits
from execbench.metrics.summary import build_summary
from execbench.store import ResultLine


def _line(task_id: str, index: int, **parts: tuple[int, int]) -> ResultLine:
    return ResultLine(
        task_id=task_id, sample_index=index, status="passed", passed=True, parts=parts,
        program_sha256="0",
    )  # fmt: skip


def _summary(lines: list[ResultLine]) -> dict:
    return build_summary(
        benchmark="b", model="m", results=lines, ks=(1,), sandbox="s", limits=Limits(),
        resumed=0, elapsed_s=0.0,
    ).model_dump()  # fmt: skip


def test_overall_coverage_averages_samples_then_programs():
    lines = [
        _line("p1", 0, syntax=(2, 2), executable=(2, 2), passing=(1, 2), lines=(8, 10),
              branches=(1, 4), **{"lines@1": (6, 10)}),
        _line("p1", 1, syntax=(1, 2), executable=(0, 2), passing=(0, 2), lines=(0, 0),
              branches=(0, 0), **{"lines@1": (0, 0)}),
        _line("p2", 0, syntax=(1, 1), executable=(1, 1), passing=(1, 1), lines=(5, 5),
              branches=(2, 2), **{"lines@1": (5, 5)}),
    ]  # fmt: skip
    figures = _summary(lines)["test_generation"]
    assert figures["tests"] == 5
    assert figures["syntax_correct"] == pytest.approx(4 / 5)
    assert figures["exec_correct"] == pytest.approx(3 / 5)
    assert figures["pass_on_program"] == pytest.approx(2 / 5)
    # p1: (0.8 + 0) / 2, p2: 1.0; then the mean over programs (a program whose tests never ran
    # counts 0, as TestEval divides by every program).
    assert figures["line_coverage"] == pytest.approx((0.4 + 1.0) / 2)
    assert figures["line_coverage_at_k"] == {"1": pytest.approx((0.3 + 1.0) / 2)}
    assert "target_hit_rate" not in figures


def test_target_and_path_figures_are_over_every_target():
    lines = [
        _line("t/1", 0, syntax=(1, 1), executable=(1, 1), passing=(1, 1), target=(1, 1)),
        _line("t/2", 0, syntax=(0, 1), executable=(0, 1), passing=(0, 1), target=(0, 1)),
        _line("p/1", 0, syntax=(1, 1), executable=(1, 1), passing=(1, 1), path=(5, 5)),
        _line("p/2", 0, syntax=(1, 1), executable=(1, 1), passing=(1, 1), path=(2, 4)),
    ]
    figures = _summary(lines)["test_generation"]
    assert figures["target_hit_rate"] == 0.5
    assert figures["path_exact_match"] == 0.5
    assert figures["path_similarity"] == pytest.approx((1 + 0.5) / 2)


def test_mutation_score_per_task_and_absent_elsewhere():
    lines = [
        _line("a", 0, mutants=(3, 4)),
        _line("a", 1, mutants=(1, 4)),
        _line("b", 0, mutants=(2, 2)),
        _line("c", 0, mutants=(0, 0)),
    ]
    score = _summary(lines)["mutation_score"]
    assert score["score"] == pytest.approx((0.5 + 1.0) / 2)
    assert (score["killed"], score["mutants"], score["tasks_without_mutants"]) == (6, 10, 1)
    plain = _summary([_line("a", 0)])
    assert "mutation_score" not in plain and "test_generation" not in plain
