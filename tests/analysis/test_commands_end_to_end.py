"""compare, leaderboard, show and export on real runs, through the real command line."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.support import completion_of, read_jsonl, run_cli, write_jsonl

# task -> completion in run A, in run B (None: the canonical one)
PLAN = {
    "HumanEval/0": (None, None),
    "HumanEval/2": ("    return number % 1.0 + 0.1\n", None),
    "HumanEval/3": (None, "    raise TypeError('no')\n"),
    "HumanEval/4": ("    return 0.0\n", "    return undefined_helper(numbers)\n"),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, humaneval_tasks):
    tmp = tmp_path_factory.mktemp("analysis")
    out = {}
    for side, position in (("a", 0), ("b", 1)):
        records = [
            {"task_id": t, "completion": plan[position] or completion_of(humaneval_tasks[t])}
            for t, plan in PLAN.items()
        ]
        samples = write_jsonl(tmp / f"{side}.jsonl", records)
        out[side] = tmp / f"run-{side}"
        done = run_cli(
            "evaluate", "-b", "humaneval", "--samples", str(samples), "-o", str(out[side])
        )
        assert done.returncode == 0, done.stderr
    return out


def _json(*args):
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_compare_pairs_tasks_and_names_what_changed(runs):
    result = _json("compare", str(runs["a"]), str(runs["b"]), "--json")
    assert (result["pass_at_1_a"], result["pass_at_1_b"]) == (0.5, 0.5)
    assert result["delta_pass_at_1"] == 0.0
    assert result["a_only"] == ["HumanEval/3"] and result["b_only"] == ["HumanEval/2"]
    assert result["test"] == "mcnemar-exact" and result["p_value"] == 1.0
    low, high = result["ci95"]
    assert low < 0.0 < high
    assert result["failure_kinds"] == {
        "name_error": {"a": 0, "b": 1},
        "runtime_error:TypeError": {"a": 0, "b": 1},
        "wrong_answer": {"a": 2, "b": 0},
    }
    row = next(task for task in result["tasks"] if task["task_id"] == "HumanEval/3")
    assert row["a_failure"] is None and row["b_failure"] == "runtime_error:TypeError"


def test_show_prints_reply_program_and_the_first_failure(runs, humaneval_tasks):
    view = _json("show", str(runs["a"]), "HumanEval/2", "--json")
    assert view["raw_text"] == PLAN["HumanEval/2"][0]
    assert view["program"] == humaneval_tasks["HumanEval/2"].prompt + PLAN["HumanEval/2"][0]
    assert view["result"]["status"] == "failed"
    assert "truncate_number(3.5) returned 0.6, expected 0.5" in view["result"]["detail"]
    text = run_cli("show", str(runs["a"]), "HumanEval/2").stdout
    assert "returned 0.6, expected 0.5" in text and "number % 1.0 + 0.1" in text
    missing = run_cli("show", str(runs["a"]), "HumanEval/9")
    assert missing.returncode == 2 and "no judged sample for task 'HumanEval/9'" in missing.stderr


def test_export_round_trips_through_evaluate(runs, tmp_path):
    exported = tmp_path / "exported.jsonl"
    done = run_cli("export", str(runs["b"]), "--format", "samples", "-o", str(exported))
    assert done.returncode == 0, done.stderr
    records = read_jsonl(exported)
    assert [r["task_id"] for r in records] == list(PLAN)
    assert all("completion" in r and "program" in r for r in records)
    assert records[2]["completion"] == PLAN["HumanEval/3"][1]  # the raw text, as it came
    again = run_cli(
        "evaluate", "-b", "humaneval", "--samples", str(exported), "-o", str(tmp_path / "r")
    )
    assert again.returncode == 0, again.stderr
    statuses = [line["status"] for line in read_jsonl(tmp_path / "r" / "results.jsonl")]
    assert statuses == [line["status"] for line in read_jsonl(runs["b"] / "results.jsonl")]
    evalplus = run_cli("export", str(runs["b"]), "--format", "evalplus").stdout
    first = json.loads(evalplus.splitlines()[0])
    assert set(first) == {"task_id", "solution"} and first["solution"] == records[0]["program"]


def test_leaderboard_of_two_real_runs(runs, tmp_path):
    page = tmp_path / "board.html"
    board = _json("leaderboard", str(runs["a"]), str(runs["b"]), "--json", "--html", str(page))
    entries = board["entries"]
    assert [e["n_tasks"] for e in entries] == [4, 4]
    assert {e["run"] for e in entries} == {str(runs["a"]), str(runs["b"])}
    assert set(entries[0]) == {
        "run", "model", "pass_at_1", "ci95", "rating", "rating_ci95", "rank_range", "n_tasks",
    }  # fmt: skip
    assert page.is_file() and "chart-heatmap" in page.read_text()


def test_text_output_prints_user_paths_as_written(runs, tmp_path):
    # Rich would take `[b]` for markup and drop it: the consoles print user text literally.
    page = tmp_path / "[b]board.html"
    done = run_cli("leaderboard", str(runs["a"]), str(runs["b"]), "--html", str(page))
    assert done.returncode == 0, done.stderr
    assert page.is_file() and "[b]board.html" in done.stdout.replace("\n", "")


def test_runs_record_their_language_and_samples_file(runs, tmp_path):
    summary = json.loads((runs["a"] / "summary.json").read_text())
    samples = runs["a"].parent / "a.jsonl"
    assert summary["language"] == "python"
    assert summary["samples_sha256"] == hashlib.sha256(samples.read_bytes()).hexdigest()
