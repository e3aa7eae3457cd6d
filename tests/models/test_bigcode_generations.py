"""bigcode-evaluation-harness generations.json through `evaluate`: lists matched to tasks by
position, each string a whole program; malformed files rejected with the place named."""

from __future__ import annotations

import json

import pytest

from execbench.core import UserError
from execbench.models.samples_reader import read_samples
from tests.support import read_jsonl, run_cli


def test_generations_json_is_judged_by_position(tmp_path, humaneval_tasks):
    first, second = humaneval_tasks["HumanEval/0"], humaneval_tasks["HumanEval/1"]
    wrong = first.prompt + "    return 42\n"
    path = tmp_path / "generations.json"
    path.write_text(json.dumps([[first.reference, wrong], [second.reference]]))
    done = run_cli(
        "evaluate", "-b", "humaneval", "--samples", str(path), "--out", str(tmp_path / "out")
    )
    assert done.returncode == 0, done.stderr
    got = [
        (line["task_id"], line["sample_index"], line["status"])
        for line in read_jsonl(tmp_path / "out" / "results.jsonl")
    ]
    assert got == [
        ("HumanEval/0", 0, "passed"),
        ("HumanEval/0", 1, "failed"),
        ("HumanEval/1", 0, "passed"),
    ]


def test_more_lists_than_tasks_is_an_error(tmp_path):
    path = tmp_path / "generations.json"
    path.write_text(json.dumps([["a"], ["b"], ["c"]]))
    with pytest.raises(UserError, match="3 lists of generations, but the benchmark has 2 tasks"):
        read_samples(path, ["HumanEval/0", "HumanEval/1"])


def test_a_generation_that_is_not_text_is_named(tmp_path):
    path = tmp_path / "generations.json"
    path.write_text(json.dumps([["def f(): pass"], ["ok", 7]]))
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(path), "-o", str(tmp_path / "o"))
    assert done.returncode == 2
    assert "entry 1 (task HumanEval/1), generation 1: expected a string, got int" in done.stderr
