"""`augment` on small custom tasks with real sandboxes: inputs found where the seeds were weak,
expected results from the reference, a file `-b custom` runs, deterministic and resumable."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from execbench.api import EvalConfig, evaluate_samples, validate_benchmark
from execbench.core import UserError
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.tasks import LoadOptions
from execbench.tasks.custom import load_custom
from execbench.testgen.augment import AugmentSettings
from execbench.testgen.augment_file import augment_tasks

GRADE = (
    "def grade(score):\n    if score >= 90:\n        return 'A'\n"
    "    if score >= 80:\n        return 'B'\n    return 'C'\n"
)
SIGN = "def split_sign(x):\n    return (x < 0, abs(x))\n"
TASKS = [
    {
        "id": "grade",
        "prompt": "def grade(score):\n",
        "entry_point": "grade",
        "reference": GRADE,
        "tests": {"calls": [{"args": [95], "expected": "A"}]},
    },
    {
        "id": "sign",
        "prompt": "def split_sign(x):\n",
        "entry_point": "split_sign",
        "reference": SIGN,
        "tests": {"asserts": "assert split_sign(3) == (False, 3)\n"},
    },
]
SETTINGS = AugmentSettings(seed=3, tries=150, budget_s=120.0, max_new=12)


@pytest.fixture(scope="module")
def seeds_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "tasks.jsonl"
    path.write_text("".join(json.dumps(task) + "\n" for task in TASKS))
    return path


@pytest.fixture(scope="module")
def augmented(seeds_file, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("aug") / "augmented.jsonl"
    report = augment_tasks("custom", load_custom(seeds_file), out, SETTINGS, DEFAULT_SANDBOX, 1)
    return out, report


def test_new_inputs_reach_what_the_seeds_missed(augmented):
    out, report = augmented
    grade, sign = [json.loads(line) for line in out.read_text().splitlines()]
    answers = {call["expected"] for call in grade["tests"]["calls"]}
    assert answers == {"A", "B", "C"}  # the seed only ever saw an A
    # No seed of split_sign is negative: the augmented inputs keep to that inferred precondition.
    assert all(not call["expected_literal"].startswith("(True") for call in sign["tests"]["calls"])
    assert grade["tests"]["calls"][0] == {"args": [95], "expected": "A"}  # seeds first
    # An edge case of the seed is kept for being one, though its path and answer are the seed's.
    assert {"args": [94], "expected": "A"} in grade["tests"]["calls"]
    # Tuples travel as Python literals; the seed came from the assert code.
    assert sign["tests"]["calls"][0] == {"args_literal": "(3,)", "expected_literal": "(False, 3)"}
    assert report.seed_cases == 2 and report.new_cases >= 3 and not report.skipped
    assert grade["prompt"] == TASKS[0]["prompt"] and grade["reference"] == GRADE


def test_the_file_validates_and_catches_what_the_seeds_pass(augmented, seeds_file, tmp_path):
    out, _ = augmented
    config = EvalConfig("custom", load=LoadOptions(data=out), workers=1, out=tmp_path / "v")
    assert validate_benchmark(config).ground_truth_pass_rate == 1.0
    wrong = GRADE.replace(">= 80", "> 80")
    samples = tmp_path / "s.jsonl"
    samples.write_text(json.dumps({"task_id": "grade", "solution": wrong}) + "\n")
    seeds_run = evaluate_samples(
        replace(config, load=LoadOptions(data=seeds_file), out=tmp_path / "a"), samples
    )
    augmented_run = evaluate_samples(replace(config, out=tmp_path / "b"), samples)
    assert seeds_run.results[0].passed and not augmented_run.results[0].passed


def test_same_seed_same_bytes_and_a_stopped_run_resumes(augmented, seeds_file, tmp_path):
    out, _ = augmented
    tasks = load_custom(seeds_file)
    again = tmp_path / "again.jsonl"
    augment_tasks("custom", tasks[:1], again, SETTINGS, DEFAULT_SANDBOX, 1)
    with again.open("a") as handle:
        handle.write('{"id": "sign", "pro')  # killed while writing the second task
    report = augment_tasks("custom", tasks, again, SETTINGS, DEFAULT_SANDBOX, 1)
    assert report.resumed_tasks == 1
    assert again.read_bytes() == out.read_bytes()
    with pytest.raises(UserError, match="other settings"):
        augment_tasks("custom", tasks, again, replace(SETTINGS, seed=4), DEFAULT_SANDBOX, 1)
