"""Only like runs are compared: same benchmark, language, data and tasks, or the common tasks
when asked (and said so). Runs made from chosen verdicts through the real store and files."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from execbench.analysis.compare import compare_runs
from execbench.analysis.leaderboard import build_leaderboard
from execbench.core import Status, UserError, Verdict
from tests.support import run_cli
from tests.support.runs import write_run

PASS, FAIL = Verdict(Status.PASSED, tests_run=1), Verdict(Status.FAILED, "x", "AssertionError")


def _tasks(*outcomes: Verdict, first: int = 0) -> dict[str, list[Verdict]]:
    return {f"HumanEval/{first + i}": [v] for i, v in enumerate(outcomes)}


def test_different_benchmarks_are_refused_even_with_common_tasks(tmp_path):
    a = write_run(tmp_path / "a", "m", _tasks(PASS, FAIL))
    b = write_run(tmp_path / "b", "m", _tasks(PASS, FAIL), benchmark="humanevalplus")
    with pytest.raises(UserError, match=r"humanevalplus.*cannot be compared"):
        compare_runs(a, b, common_tasks=True)


def test_different_data_versions_or_languages_are_refused(tmp_path):
    a = write_run(tmp_path / "a", "m", _tasks(PASS))
    b = write_run(tmp_path / "b", "m", _tasks(PASS), data_version="other-release")
    c = write_run(tmp_path / "c", "m", _tasks(PASS), language="cpp")
    with pytest.raises(UserError, match="data other-release"):
        compare_runs(a, b)
    with pytest.raises(UserError, match="language cpp"):
        compare_runs(a, c)


def _as_made_before_run_identities(run: Path, language: str | None) -> Path:
    """The run's files as an execbench before summary `language` and the store's identity left
    them: the data settings only among the judging settings."""
    summary = json.loads((run / "summary.json").read_text())
    del summary["language"]
    (run / "summary.json").write_text(json.dumps(summary))
    judging = {"data": {"version": "test-data", "file": None, "language": language}}
    with closing(sqlite3.connect(run / "run.sqlite")) as db, db:
        db.execute("DELETE FROM meta")
        db.execute("INSERT INTO meta VALUES ('judging', ?)", (json.dumps(judging),))
    return run


def test_runs_made_before_run_identities_are_matched_by_their_judging_settings(tmp_path):
    a = _as_made_before_run_identities(write_run(tmp_path / "a", "m", _tasks(PASS)), None)
    b = _as_made_before_run_identities(write_run(tmp_path / "b", "n", _tasks(FAIL)), None)
    c = _as_made_before_run_identities(write_run(tmp_path / "c", "m", _tasks(PASS)), "cpp")
    assert compare_runs(a, b).delta_pass_at_1 == -1.0
    with pytest.raises(UserError, match="language cpp"):
        compare_runs(a, c)


def test_different_task_sets_need_common_tasks_and_say_so(tmp_path):
    a = write_run(tmp_path / "a", "m", _tasks(PASS, FAIL, PASS))
    b = write_run(tmp_path / "b", "m", _tasks(FAIL, PASS, first=1))
    done = run_cli("compare", str(a), str(b))
    assert done.returncode == 2 and "--common-tasks" in done.stderr
    result = compare_runs(a, b, common_tasks=True)
    assert [t.task_id for t in result.tasks] == ["HumanEval/1", "HumanEval/2"]
    assert result.note == "compared on the 2 tasks every run has (a has 1 more)"
    assert (result.pass_at_1_a, result.pass_at_1_b) == (0.5, 0.5)


def test_leaderboard_ranks_a_directory_of_runs(tmp_path):
    for i in range(4):
        outcomes = [PASS] * (i + 1) + [FAIL] * (4 - i)
        write_run(tmp_path / "runs" / f"run-{i}", f"model-{i}", _tasks(*outcomes))
    board = build_leaderboard([tmp_path / "runs"])
    assert [e.model for e in board.entries] == ["model-3", "model-2", "model-1", "model-0"]
    assert [e.pass_at_1 for e in board.entries] == [0.8, 0.6, 0.4, 0.2]
    ratings = [e.rating for e in board.entries]
    assert ratings == sorted(ratings, reverse=True) and ratings[0] > 1000 > ratings[-1]
    assert board.pass_rates[0] == [1.0, 1.0, 1.0, 1.0, 0.0]
    with pytest.raises(UserError, match="at least two runs"):
        build_leaderboard([tmp_path / "runs" / "run-0"])


def test_compare_tests_the_discordant_tasks(tmp_path):
    a = write_run(tmp_path / "a", "m", _tasks(PASS, PASS, PASS, PASS, PASS, PASS, FAIL))
    b = write_run(tmp_path / "b", "m", _tasks(PASS, FAIL, FAIL, FAIL, FAIL, FAIL, FAIL))
    result = compare_runs(a, b)
    assert result.test == "mcnemar-exact" and result.p_value == 2 / 32
    assert result.a_only == [f"HumanEval/{i}" for i in range(1, 6)] and result.b_only == []
    assert result.delta_pass_at_1 == round(1 / 7 - 6 / 7, 6)
    assert result.ci95[1] < 0  # B is worse, and the interval says so


def test_several_samples_per_task_use_the_permutation_test(tmp_path):
    a = write_run(tmp_path / "a", "m", {f"HumanEval/{i}": [PASS, PASS] for i in range(6)})
    b = write_run(tmp_path / "b", "m", {f"HumanEval/{i}": [PASS, FAIL] for i in range(6)})
    result = compare_runs(a, b)
    assert result.test == "paired-permutation"
    assert result.p_value == 2 / 64  # exact: only the all-same-sign patterns are as extreme
