"""ReCode's adapter: every perturbed set, judged by the original tests under the renamed entry
point, further seeds beside s0, and the published data's known defects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from execbench.core import Limits, Program, Task, UserError
from execbench.judge.registry import JUDGES
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.recode_sets import recode_variant


@pytest.fixture(scope="module")
def recode_tasks(data_dir: Path) -> dict[str, Task]:
    tasks = get_benchmark("recode").load(LoadOptions(data_dir=data_dir))
    return {task.task_id: task for task in tasks}


def test_every_set_is_there_under_ids_that_name_it(recode_tasks: dict[str, Task]) -> None:
    assert len(recode_tasks) == 30 * 164  # two nominal sets and 28 perturbation types
    sets = {recode_variant(task_id).set_name for task_id in recode_tasks}
    assert {"nominal", "nominal_partial", "natgen/VarRenamerRN/s0", "format/new_lines/s0"} <= sets
    assert not any("DeadCodeInserterLast" in name for name in sets)
    variant = recode_variant("nlaugmenter/ChangeCharCase/s3/HumanEval/7")
    assert (variant.family, variant.perturbation, variant.seed) == (
        "nlaugmenter",
        "ChangeCharCase",
        3,
    )
    assert recode_variant("HumanEval/7") is None


@pytest.mark.parametrize(
    "task_id",
    [
        # The tests call sort_third by its first name: it is the renamed function.
        "func_name/FuncRenameCamelCase/s0/HumanEval/33",
        # Tab-indented prompt: the reference's rest of the solution is indented with tabs too.
        "format/tab_indent/s0/HumanEval/0",
        "natgen/VarRenamerCB/s0/HumanEval/0",
        "nominal_partial/HumanEval/12",
    ],
)
def test_canonical_solutions_pass_on_perturbed_sets(recode_tasks, sandbox, task_id: str) -> None:
    task = recode_tasks[task_id]
    verdict = JUDGES.get(type(task.tests))(
        task, Program("python", task.reference), sandbox, Limits()
    )
    assert verdict.passed, verdict.detail


def test_renamed_entry_points_are_called_by_their_new_name(recode_tasks) -> None:
    task = recode_tasks["func_name/FuncRenameCamelCase/s0/HumanEval/33"]
    assert task.entry_point == "sortThird"
    assert task.tests.entry_points == ("sortThird",)
    assert task.tests.code.startswith("sort_third = sortThird\n")


def test_known_defects_of_the_data_are_named(recode_tasks) -> None:
    recode = get_benchmark("recode")
    broken = recode.known_issue(recode_tasks["nlaugmenter/BackTranslation/s0/HumanEval/38"])
    assert "not valid Python" in broken
    changed = recode.known_issue(recode_tasks["natgen/OperandSwap/s0/HumanEval/91"])
    assert "backslash" in changed
    assert recode.known_issue(recode_tasks["nominal/HumanEval/38"]) is None


def test_further_seeds_beside_s0_are_read(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "recode"
    shutil.copytree(data_dir / "recode", copy, ignore=shutil.ignore_patterns("mbpp*"))
    folder = copy / "perturbed_finalized/humaneval/full/nlaugmenter"
    shutil.copy(
        folder / "humaneval_ChangeCharCase_s0.jsonl", folder / "humaneval_ChangeCharCase_s1.jsonl"
    )
    tasks = get_benchmark("recode-docstring").load(LoadOptions(data_dir=tmp_path))
    seeds = {recode_variant(t.task_id).seed for t in tasks if "ChangeCharCase" in t.task_id}
    assert seeds == {0, 1}
    assert len(tasks) == 12 * 164  # nominal, 10 types, one more seed


def test_a_single_data_file_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="EXECBENCH_DATA_DIR"):
        get_benchmark("recode").load(LoadOptions(data=tmp_path / "x.jsonl"))
