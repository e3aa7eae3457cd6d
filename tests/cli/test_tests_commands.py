"""The real CLI for tests as the product: `evaluate-tests` (mutation score) and `augment`."""

from __future__ import annotations

import json

from tests.support import read_jsonl, run_cli, write_jsonl

STRONG = (
    "def test_close():\n"
    "    assert has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3)\n"
    "    assert not has_close_elements([1.0, 2.0, 3.0], 0.5)\n"
    "    assert not has_close_elements([1.0, 2.0], 1.0)\n"
)


def test_evaluate_tests_scores_mutants_killed(tmp_path):
    samples = write_jsonl(
        tmp_path / "tests.jsonl",
        [
            {"task_id": "HumanEval/0", "solution": STRONG},
            {"task_id": "HumanEval/0", "solution": "assert has_close_elements([], 1.0) is False\n"},
            {"task_id": "HumanEval/0", "solution": "assert has_close_elements([1.0], 1.0)\n"},
        ],
    )
    out = tmp_path / "out"
    done = run_cli(
        "evaluate-tests", "-b", "humaneval", "--samples", str(samples), "--out", str(out), "--json"
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["benchmark"] == "humaneval-tests" and summary["n_samples"] == 3
    strong, weak, wrong = read_jsonl(out / "results.jsonl")
    killed, kept = strong["parts"]["mutants"]
    assert strong["passed"] and weak["passed"]
    assert weak["parts"]["mutants"][0] < killed <= kept
    assert wrong["status"] == "failed" and wrong["parts"]["mutants"] == [0, kept]
    assert 0 < summary["mutation_score"]["score"] < 1


def test_augment_writes_a_file_custom_runs(tmp_path):
    seeds = write_jsonl(
        tmp_path / "tasks.jsonl",
        [
            {
                "id": "abs",
                "prompt": "def absolute(x):\n",
                "entry_point": "absolute",
                "reference": "def absolute(x):\n    return -x if x < 0 else x\n",
                "tests": {"calls": [{"args": [3], "expected": 3}]},
            }
        ],
    )
    out = tmp_path / "augmented.jsonl"
    done = run_cli(
        # No -j: the default (one worker per CPU) is what a user gets.
        "augment", "-b", "custom", "--data", str(seeds), "--out", str(out), "--tries", "60",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["n_tasks"] == 1 and report["new_cases"] >= 1
    checked = run_cli(
        "validate", "-b", "custom", "--data", str(out), "--out", str(tmp_path / "v"), "--json"
    )
    assert json.loads(checked.stdout)["ground_truth_pass_rate"] == 1.0
