"""The real CLI on real samples: right, wrong, crashing, looping and syntax-error completions."""

from __future__ import annotations

import json
import sqlite3

import pytest

from execbench.engine.time_limits import TimePolicy
from tests.support import completion_of, read_jsonl, run_cli, write_jsonl

CASES = [
    # (task, completion, expected status)
    ("HumanEval/0", None, "passed"),
    ("HumanEval/0", "    return False\n", "failed"),
    ("HumanEval/2", None, "passed"),
    ("HumanEval/2", "    raise ValueError('boom')\n", "error"),
    ("HumanEval/3", "    while True:\n        pass\n", "timeout"),
    ("HumanEval/3", None, "passed"),
    ("HumanEval/4", "    return (\n", "compile_error"),
    ("HumanEval/4", None, "passed"),
]


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory, humaneval_tasks):
    tmp = tmp_path_factory.mktemp("e2e")
    records = [
        {"task_id": task_id, "completion": text or completion_of(humaneval_tasks[task_id])}
        for task_id, text, _ in CASES
    ]
    samples = write_jsonl(tmp / "samples.jsonl", records)
    out = tmp / "out"
    done = run_cli(
        "evaluate", "-b", "humaneval", "--samples", str(samples), "--out", str(out),
        "-k", "1,2,5", "--cpu-limit", "1", "--json",
    )  # fmt: skip
    return done, out


def test_exit_code_zero_whatever_the_score(evaluated):
    done, _ = evaluated
    assert done.returncode == 0, done.stderr


def test_each_sample_gets_its_verdict(evaluated):
    _, out = evaluated
    lines = read_jsonl(out / "results.jsonl")
    got = [(line["task_id"], line["sample_index"], line["status"]) for line in lines]
    expected_index = {}
    want = []
    for task_id, _, status in CASES:
        index = expected_index.get(task_id, 0)
        expected_index[task_id] = index + 1
        want.append((task_id, index, status))
    assert got == want
    for line in lines:
        assert line["passed"] == (line["status"] == "passed")


def test_error_details_name_the_cause(evaluated):
    _, out = evaluated
    by_status = {line["status"]: line for line in read_jsonl(out / "results.jsonl")}
    assert by_status["error"]["error_type"] == "ValueError"
    assert "boom" in by_status["error"]["detail"]
    assert "assert" in by_status["failed"]["detail"]
    assert by_status["compile_error"]["error_type"] == "SyntaxError"


def test_summary_contract(evaluated):
    done, out = evaluated
    summary = json.loads((out / "summary.json").read_text())
    assert json.loads(done.stdout) == summary
    assert summary["benchmark"] == "humaneval"
    assert summary["n_tasks"] == 4 and summary["n_samples"] == 8
    # The other 160 tasks had no sample: named, and left out of pass@k.
    without = summary["tasks_without_samples"]
    assert len(without) == 160 and without[:2] == ["HumanEval/1", "HumanEval/5"]
    # 4 tasks with 2 samples each, one right per task: pass@1 = 0.5, pass@2 = 1.0
    assert summary["pass_at_k"] == {"1": 0.5, "2": 1.0}
    assert "5" in summary["pass_at_k_unavailable"]
    assert summary["status_counts"] == {
        "passed": 4, "failed": 1, "error": 1, "timeout": 1, "compile_error": 1,
    }  # fmt: skip
    assert summary["elapsed_s"] >= 0
    report = (out / "report.html").read_text()
    assert "HumanEval/3" in report and "pass@k" in report
    assert "160 more tasks had no sample" in report


def test_malformed_samples_stop_before_any_work(tmp_path):
    samples = tmp_path / "bad.jsonl"
    samples.write_text('{"task_id": "HumanEval/0", "completion": "x"}\n{"task_id": 5\n')
    out = tmp_path / "out"
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples), "--out", str(out))
    assert done.returncode == 2
    assert f"{samples}:2: invalid JSON" in done.stderr
    assert not out.exists()


def test_unknown_task_id_is_named(tmp_path):
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/999", "completion": ""}])
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples))
    assert done.returncode == 2
    assert "s.jsonl:1: field 'task_id': unknown task 'HumanEval/999'" in done.stderr


def stored_limits(out) -> dict | None:
    with sqlite3.connect(out / "run.sqlite") as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'task_limits'").fetchone()
    return None if row is None else json.loads(row[0])


LOOPING = "    while True:\n        pass\n"


def test_only_tasks_with_a_sample_at_the_lowest_limits_are_measured_and_kept_in_the_run(
    tmp_path, humaneval_tasks, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no times measured elsewhere
    records = [
        {"task_id": "HumanEval/0", "completion": completion_of(humaneval_tasks["HumanEval/0"])},
        {"task_id": "HumanEval/2", "completion": LOOPING},
        {"task_id": "HumanEval/3", "completion": LOOPING},
    ]
    samples = write_jsonl(tmp_path / "s.jsonl", records)
    out = tmp_path / "out"
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples), "--out", str(out))
    assert done.returncode == 0, done.stderr
    stored = stored_limits(out)
    # HumanEval/0's sample ended within the lowest limits: its reference was never run.
    assert stored is not None and list(stored["tasks"]) == ["HumanEval/2", "HumanEval/3"]
    assert stored["basis"]["policy"]["floor_s"] == TimePolicy.floor_s
    # As if killed before HumanEval/3 was reached, with a budget for HumanEval/2 no measurement
    # would give: the resumed run must keep it, not measure again.
    stored["tasks"]["HumanEval/2"]["cpu_s"] = 3.0
    del stored["tasks"]["HumanEval/3"]
    with sqlite3.connect(out / "run.sqlite") as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'task_limits'", (json.dumps(stored),))
        db.execute("DELETE FROM verdicts WHERE task_id = 'HumanEval/3'")
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples), "--out", str(out))
    assert done.returncode == 0, done.stderr
    resumed = stored_limits(out)
    assert resumed is not None and resumed["tasks"]["HumanEval/2"]["cpu_s"] == 3.0
    assert list(resumed["tasks"]) == ["HumanEval/2", "HumanEval/3"]
    # Another rule is another run (--force to judge it there): the times measured on this machine
    # give every measured task its new limits.
    again = ["--samples", str(samples), "--out", str(out), "--min-cpu-limit", "1", "--force"]
    assert run_cli("evaluate", "-b", "humaneval", *again).returncode == 0
    rescaled = stored_limits(out)
    assert rescaled is not None
    assert {task: limits["cpu_s"] for task, limits in rescaled["tasks"].items()} == {
        "HumanEval/2": 1.0,
        "HumanEval/3": 1.0,
    }


def test_call_tests_scaled_from_their_expected_results_are_not_calibrated(
    tmp_path, humaneval_tasks, data_dir, monkeypatch
):
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(data_dir))  # the HumanEval+ release, offline
    # HumanEval+ computes each case's expected result with the reference's time for it: its
    # per-call and per-group limits come from those, so no separate run of the reference.
    samples = write_jsonl(
        tmp_path / "s.jsonl",
        [{"task_id": "HumanEval/0", "completion": completion_of(humaneval_tasks["HumanEval/0"])}],
    )
    out = tmp_path / "out"
    done = run_cli("evaluate", "-b", "humanevalplus", "-s", str(samples), "-o", str(out), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status_counts"] == {"passed": 1}
    assert stored_limits(out) is None


def test_a_fixed_cpu_budget_for_every_task(tmp_path, humaneval_tasks):
    # A second of CPU, once: over the default lowest budget (0.5 s), under the fixed one.
    slow = (
        "    import time\n"
        "    if not globals().get('burnt'):\n"
        "        globals()['burnt'] = True\n"
        "        end = time.process_time() + 1.0\n"
        "        while time.process_time() < end:\n"
        "            pass\n"
    ) + completion_of(humaneval_tasks["HumanEval/0"])
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/0", "completion": slow}])
    run = ["evaluate", "-b", "humaneval", "-s", str(samples), "-o", str(tmp_path / "out"), "--json"]
    scaled = run_cli(*run)
    assert scaled.returncode == 0, scaled.stderr
    assert json.loads(scaled.stdout)["status_counts"] == {"timeout": 1}
    # Other limits are another run: judged afresh with --force (the verdict reached under the
    # old ones is not reused), then resumed by the same command.
    budget = ["--cpu-limit", "1.5", "--min-cpu-limit", "1.5"]
    for resumed, force in ((0, ["--force"]), (1, [])):
        fixed = run_cli(*run, *budget, *force)
        assert fixed.returncode == 0, fixed.stderr
        summary = json.loads(fixed.stdout)
        assert summary["status_counts"] == {"passed": 1}
        assert summary["resumed_samples"] == resumed
    wrong = run_cli("evaluate", "-b", "humaneval", "-s", str(samples), "--min-cpu-limit", "0")
    assert wrong.returncode == 2
    assert "--min-cpu-limit 0.0: expected more than 0" in wrong.stderr
