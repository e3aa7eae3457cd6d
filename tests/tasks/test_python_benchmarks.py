"""HumanEval+, MBPP+, MBPP, sanitized MBPP and HumanEval-ET from the shared data files: counts,
a known-good and a known-bad sample through the real judge, and validate on a few tasks."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from execbench.api import EvalConfig, validate_benchmark
from execbench.core import CallTests, Limits, Program, Status, Task
from execbench.judge import judge, reference_outputs
from execbench.tasks import LoadOptions, get_benchmark
from tests.support.sandbox import session_sandbox

LIMITS = Limits(cpu_s=10, wall_s=20)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(reference_outputs, "_memory", {})


def load(name: str, data_dir: Path, data: Path | None = None) -> dict[str, Task]:
    tasks = get_benchmark(name).load(LoadOptions(data=data, data_dir=data_dir))
    return {task.task_id: task for task in tasks}


def run(task: Task, source: str):
    return judge(task, Program("python", source), session_sandbox(), LIMITS)


def test_humanevalplus_checks_the_plus_inputs(data_dir: Path) -> None:
    tasks = load("humanevalplus", data_dir)
    assert len(tasks) == 164
    task = tasks["HumanEval/53"]
    assert isinstance(task.tests, CallTests) and len(task.tests.cases) > 100
    assert run(task, task.reference).passed
    # Right on HumanEval's own tests (small numbers), wrong on EvalPlus's larger ones.
    wrong = task.prompt + "    return x + y if abs(x) < 1000 else 0\n"
    assert run(task, wrong).status is Status.FAILED


def test_humanevalplus_find_zero_is_judged_by_its_root_oracle(data_dir: Path) -> None:
    task = load("humanevalplus", data_dir)["HumanEval/32"]
    assert isinstance(task.tests, CallTests) and task.tests.oracle is not None
    assert run(task, task.reference).passed
    assert run(task, task.prompt + "    return 0.0\n").status is Status.FAILED


def test_humanevalplus_takes_another_release_with_data(data_dir: Path) -> None:
    older = data_dir / "humanevalplus" / "HumanEvalPlus-v0.1.9.jsonl.gz"
    assert len(load("humanevalplus", data_dir, older)) == 164


def test_mbppplus_defaults_to_v020_and_takes_v010_with_data(data_dir: Path) -> None:
    tasks = load("mbppplus", data_dir)
    assert len(tasks) == 378
    assert "Mbpp/83" not in tasks
    assert "geeksforgeeks" not in tasks["Mbpp/734"].prompt
    v010 = load("mbppplus", data_dir, data_dir / "mbppplus" / "MbppPlus-v0.1.0.json.gz")
    assert len(v010) == 399 and "geeksforgeeks" in v010["Mbpp/734"].prompt


def test_mbppplus_passes_tuples_where_evalplus_does(data_dir: Path) -> None:
    task = load("mbppplus", data_dir)["Mbpp/2"]
    assert isinstance(task.tests, CallTests)
    assert all(type(arg) is tuple for arg in task.tests.cases[0].args)
    assert run(task, task.reference).passed
    # Any order of the shared elements is right (EvalPlus compares them as sets).
    reordered = (
        "def similar_elements(a, b):\n    return tuple(sorted(set(a) & set(b), reverse=True))\n"
    )
    assert run(task, reordered).passed
    assert run(task, "def similar_elements(a, b):\n    return a\n").status is Status.FAILED


def test_mbppplus_rebuilds_complex_numbers_and_sets_as_evalplus_does(data_dir: Path) -> None:
    v010 = load("mbppplus", data_dir, data_dir / "mbppplus" / "MbppPlus-v0.1.0.json.gz")
    angle = v010["Mbpp/124"].tests
    assert isinstance(angle, CallTests)
    assert [type(arg) for arg in angle.cases[0].args] == [float, complex]
    empty_dicts = v010["Mbpp/115"].tests
    assert isinstance(empty_dicts, CallTests)
    plus = [case.args for case in empty_dicts.cases if case.group == "plus"]
    assert plus[0] == ([{}, {}, {}],)  # EvalPlus turns anything but a non-empty list into {}


def test_mbppplus_accepts_any_match_object_where_the_reference_returns_one(data_dir: Path) -> None:
    task = load("mbppplus", data_dir)["Mbpp/787"]
    assert run(task, task.reference).passed
    always = "def text_match_three(text):\n    return 'found'\n"
    assert run(task, always).status is Status.FAILED


def test_mbpp_is_the_test_split_with_asserts(data_dir: Path) -> None:
    tasks = load("mbpp", data_dir)
    assert len(tasks) == 500
    assert {int(task_id.split("/")[1]) for task_id in tasks} == set(range(11, 511))
    task = tasks["Mbpp/11"]
    assert run(task, task.reference).passed
    assert run(task, "def remove_Occ(s, ch):\n    return s\n").status is Status.FAILED


def test_mbpp_calls_on_objects_the_test_setup_builds_run_in_the_sandbox(data_dir: Path) -> None:
    task = load("mbpp", data_dir)["Mbpp/367"]  # asserts take trees of the program's own Node
    assert task.entry_point == "is_tree_balanced"
    assert run(task, task.reference).passed
    assert run(task, task.reference.replace("return True", "return False")).status is (
        Status.FAILED
    )


def test_a_set_argument_reaches_the_candidate_iterating_as_the_test_built_it(data_dir) -> None:
    """Mbpp/341 asserts `set_to_tuple({12, 13, 14, 15, 16}) == (12, 13, 14, 15, 16)`. That literal
    iterates as 16, 12, 13, 14, 15 in the test's own interpreter (it is copied from a folded
    constant), so `tuple(s)` fails under MBPP's harness: it fails here too."""
    task = load("mbpp", data_dir)["Mbpp/341"]
    assert "set_to_tuple({12, 13, 14, 15, 16})" in task.tests.code
    assert run(task, task.reference).passed
    failed = run(task, "def set_to_tuple(s):\n    return tuple(s)\n")
    assert failed.status is Status.FAILED
    assert "{12, 13, 14, 15, 16}" in failed.detail


def test_sanitized_mbpp_programs_see_the_test_imports(data_dir: Path) -> None:
    tasks = load("mbpp-sanitized", data_dir)
    assert len(tasks) == 427
    needs_math = next(t for t in tasks.values() if "import math" in t.reference.splitlines()[-1:])
    without_import = "\n".join(
        line for line in needs_math.reference.splitlines() if line.strip() != "import math"
    )
    assert run(needs_math, without_import + "\n").passed
    counter = "import collections\ndef freq_count(xs):\n    return collections.Counter(xs)\n"
    assert run(tasks["Mbpp/88"], counter).passed
    assert run(tasks["Mbpp/88"], "def freq_count(xs):\n    return {}\n").status is Status.FAILED


def test_humaneval_et_drops_asserts_no_program_can_pass(data_dir: Path) -> None:
    tasks = load("humaneval-et", data_dir)
    assert len(tasks) == 164
    assert tasks["HumanEval/53"].metadata["unsatisfiable_asserts"] > 0
    task = tasks["HumanEval/53"]
    assert run(task, task.reference).passed
    assert run(task, task.prompt + "    return x - y\n").status is Status.FAILED


def _first_records(source: Path, target: Path, ids: set[str], as_array: bool = False) -> Path:
    raw = source.read_bytes()
    text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode()
    if text.lstrip().startswith("["):
        records = json.loads(text)
    else:
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    chosen = [r for r in records if str(r["task_id"]) in ids or f"Mbpp/{r['task_id']}" in ids]
    if as_array:
        target.write_text(json.dumps(chosen))
    else:
        target.write_text("".join(json.dumps(record) + "\n" for record in chosen))
    return target


@pytest.mark.parametrize(
    ("benchmark", "relpath", "ids", "as_array"),
    [
        ("humanevalplus", "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz", {"HumanEval/0"}, False),
        ("mbppplus", "mbppplus/MbppPlus-v0.1.0.json.gz", {"Mbpp/2", "Mbpp/3"}, True),
        ("mbpp", "mbpp/mbpp.jsonl", {"Mbpp/11", "Mbpp/12", "Mbpp/13"}, False),
        ("mbpp-sanitized", "mbpp/sanitized-mbpp.json", {"Mbpp/2", "Mbpp/3", "Mbpp/4"}, True),
        ("humaneval-et", "humaneval-et/HumanEvalET.jsonl", {"HumanEval/0", "HumanEval/1"}, False),
    ],
)
def test_validate_passes_the_references_through_the_pipeline(
    benchmark: str, relpath: str, ids: set[str], as_array: bool, data_dir: Path, tmp_path: Path
) -> None:
    subset = _first_records(data_dir / relpath, tmp_path / "subset.json", ids, as_array)
    config = EvalConfig(benchmark, out=tmp_path / "out", load=LoadOptions(data=subset), workers=1)
    report = validate_benchmark(config)
    assert (report.n_tasks, report.ground_truth_pass_rate, report.failures) == (len(ids), 1.0, [])
