"""CodeT end to end: online (`run --strategy codet`) against a scripted model, and offline
(`execbench rerank`) on files. One scenario, HumanEval/2 (truncate_number):

programs (n=6): samples 0 and 1 right (`number % 1.0`), 2 to 5 wrong (`number / 2`).
tests: T1 `truncate_number(2.25) == 0.25` (right, written by 3 generations), T2
`truncate_number(1.0) == 0.5` and T3 `truncate_number(3.0) == 1.5` (wrong, once each), and a
generation whose 6th case (wrong, passed by the wrong programs) is beyond CodeT's first 5.
Right group: 3 x sqrt(2) = 4.24; wrong group: 2 x sqrt(4) = 4.0. CodeT picks the right one,
but only by weighing each case by how often it was written, by the square root of the group's
size, and by keeping 5 cases per generation: each of those changed flips the choice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from execbench.api import file_sha256
from execbench.store import read_trajectories
from tests.strategies.scripted import fenced, humaneval_records, run_strategy, write_data
from tests.support import read_jsonl, run_cli, write_jsonl
from tests.support.openai_server import ScriptedServer, prompt_of

RIGHT_BODY = "    return number % 1.0\n"
WRONG_BODY = "    return number / 2\n"
UNPASSED = "".join(f"assert truncate_number({x}.5) == 7\n" for x in range(5))
TEST_GENERATIONS = [
    "truncate_number(2.25) == 0.25\nassert truncate_number(1.0) == 0.5\n",
    "truncate_number(2.25) == 0.25\nassert truncate_number(3.0) == 1.5\n",
    "truncate_number(2.25) == 0.25\nassert truncate_number(",  # cut off: the last is dropped
    UNPASSED.removeprefix("assert ") + "assert truncate_number(5.0) == 2.5\n",
]
N = 6


@pytest.fixture(scope="module")
def record():
    return humaneval_records("HumanEval/2")[0]


def body(index: int) -> str:
    return RIGHT_BODY if index < 2 else WRONG_BODY


def test_online_codet_ranks_the_agreeing_programs_first(tmp_path, record):
    data = write_data(tmp_path / "he.jsonl", [record])

    def answer(request: Mapping[str, Any], choice: int) -> str:
        if "Write test cases" in prompt_of(request):
            return f"```python\nassert {TEST_GENERATIONS[choice]}```"
        return fenced(record["prompt"] + body(choice))

    with ScriptedServer(answer=answer) as server:
        outcome = run_strategy(
            tmp_path / "codet", data, server, "codet", {"test_samples": 4}, n=N, ks=(1, 2)
        )
        assert [request.body["n"] for request in server.requests] == [N, 4]
    assert [line.passed for line in outcome.results] == [True, True, False, False, False, False]
    summary = outcome.summary
    assert summary.pass_at_k == {"1": 1.0, "2": 1.0}  # over the ranking
    assert summary.strategy is not None and summary.strategy.pass_at_k_unranked is not None
    assert summary.strategy.pass_at_k_unranked["1"] == pytest.approx(2 / 6)
    (trajectory,) = read_trajectories(outcome.out, "HumanEval/2")
    assert trajectory.ranking is not None
    assert [group.sample_indices for group in trajectory.ranking] == [[0, 1], [2, 3, 4, 5]]
    assert {test.case: test.count for test in trajectory.tests}[
        "assert truncate_number(2.25) == 0.25"
    ] == 3


def test_offline_rerank_reads_files_and_reports_pass_at_k_over_the_ranking(tmp_path, record):
    data = write_data(tmp_path / "he.jsonl", [record])
    samples = write_jsonl(
        tmp_path / "samples.jsonl",
        [{"task_id": "HumanEval/2", "completion": body(i)} for i in range(N)],
    )
    tests = write_jsonl(
        tmp_path / "tests.jsonl",
        [{"task_id": "HumanEval/2", "test": text} for text in TEST_GENERATIONS],
    )
    out = tmp_path / "rerank"
    args = ("rerank", "--method", "codet", "-b", "humaneval", "--data", str(data),
            "--samples", str(samples), "--tests", str(tests), "--out", str(out), "-k", "1,2",
            "--json")  # fmt: skip
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["pass_at_k"] == {"1": 1.0, "2": 1.0}
    assert summary["strategy"]["pass_at_k_unranked"]["1"] == pytest.approx(2 / 6)
    assert [line["passed"] for line in read_jsonl(out / "results.jsonl")] == [True] * 2 + [
        False
    ] * 4
    # Run again: the ranking and the verdicts are reused, the files are the same.
    before = (out / "results.jsonl").read_bytes()
    again = run_cli(*args)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["resumed_samples"] == N
    assert (out / "results.jsonl").read_bytes() == before
    # Other tests are another run: refused in this folder before anything is ranked.
    other = write_jsonl(tmp_path / "other.jsonl", [{"task_id": "HumanEval/2", "test": "x"}])
    refused = run_cli(*args[:-6], str(other), *args[-5:])
    assert refused.returncode == 2
    assert "strategy.tests_sha256=" in refused.stderr.replace("\n", "")
    assert (out / "results.jsonl").read_bytes() == before


def test_the_default_rerank_folder_names_the_samples_and_the_tests(tmp_path, record):
    data = write_data(tmp_path / "he.jsonl", [record])
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/2", "completion": body(0)}])
    tests = write_jsonl(tmp_path / "t.jsonl", [{"task_id": "HumanEval/2", "test": "x"}])
    done = run_cli("rerank", "-b", "humaneval", "--data", str(data), "--samples", str(samples),
                   "--tests", str(tests), cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    (folder,) = (tmp_path / "execbench-runs").iterdir()
    samples_sha, tests_sha = (file_sha256(path)[:8] for path in (samples, tests))
    assert folder.name == f"humaneval__s-{samples_sha}__codet-{tests_sha}"


def test_a_bad_test_generations_line_is_named(tmp_path, record):
    data = write_data(tmp_path / "he.jsonl", [record])
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/2", "completion": ""}])
    tests = tmp_path / "t.jsonl"
    tests.write_text('{"task_id": "HumanEval/2", "test": "x"}\n{"task_id": "HumanEval/2"}\n')
    done = run_cli("rerank", "-b", "humaneval", "--data", str(data), "--samples", str(samples),
                   "--tests", str(tests), "--out", str(tmp_path / "o"))  # fmt: skip
    assert done.returncode == 2
    assert f"{tests}:2: field 'test'" in done.stderr.replace("\n", "")
