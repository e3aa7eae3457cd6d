"""Date windows: selection on dated tasks, errors on undated ones, and the CLI end to end."""

from __future__ import annotations

import json
from datetime import date

import pytest

from execbench.core import AssertTests, Task, UserError
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.dates import DateWindow
from tests.support import read_jsonl, run_cli, write_jsonl


def dated(task_id: str, day: str | None) -> Task:
    metadata = {"date": day} if day else {}
    return Task(task_id, "x", "", AssertTests("", ()), "", metadata=metadata)


TASKS = [dated("a", "2023-07-02"), dated("b", "2023-10-15"), dated("c", "2024-01-21")]


def ids(tasks):
    return [t.task_id for t in tasks]


def test_window_bounds_are_inclusive():
    assert ids(DateWindow.parse("2023-10-15", None).select(TASKS)) == ["b", "c"]
    assert ids(DateWindow.parse(None, "2023-10-15").select(TASKS)) == ["a", "b"]
    assert ids(DateWindow(date(2023, 8, 1), date(2023, 12, 31)).select(TASKS)) == ["b"]


def test_open_window_keeps_everything_even_undated():
    assert len(DateWindow().select([*TASKS, dated("d", None)])) == 4


def test_window_on_undated_tasks_is_an_error():
    with pytest.raises(UserError, match="1 of 4 tasks have no date"):
        DateWindow.parse("2023-01-01", None).select([*TASKS, dated("d", None)])


def test_bad_dates_are_user_errors():
    with pytest.raises(UserError, match="--since '2023-13-01'"):
        DateWindow.parse("2023-13-01", None)
    with pytest.raises(UserError, match="is after"):
        DateWindow.parse("2024-01-01", "2023-01-01")


def test_leetcode_window(data_dir):
    tasks = get_benchmark("leetcode").load(LoadOptions(data_dir=data_dir))
    recent = DateWindow.parse("2024-01-01", None).select(tasks)
    assert 0 < len(recent) < len(tasks)
    assert all(t.metadata["date"] >= "2024-01-01" for t in recent)


@pytest.mark.parametrize(
    ("option", "day", "inside", "outside"),
    [("--since", "2024-01-01", "new", "old"), ("--until", "2023-12-31", "old", "new")],
)
def test_evaluate_with_a_window_judges_only_tasks_inside_it(tmp_path, option, day, inside, outside):
    """Each task has its own sample; the one outside the window would fail, so judging it (or
    swapping --since and --until) changes both the ids judged and the score."""
    tasks = [
        {"id": "old", "prompt": "def f():\n", "entry_point": "f", "date": "2020-01-01",
         "tests": {"asserts": "assert f() == 1"}},
        {"id": "new", "prompt": "def f():\n", "entry_point": "f", "date": "2024-06-01",
         "tests": {"asserts": "assert f() == 1"}},
    ]  # fmt: skip
    data = write_jsonl(tmp_path / "tasks.jsonl", tasks)
    samples = write_jsonl(
        tmp_path / "s.jsonl",
        [
            {"task_id": inside, "completion": "    return 1\n"},
            {"task_id": outside, "completion": "    return 2\n"},
        ],
    )
    out = tmp_path / "out"
    result = run_cli(
        "evaluate", "-b", "custom", "--data", str(data), "--samples", str(samples),
        option, day, "--out", str(out), "--json", "-j", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["n_tasks"] == 1 and summary["pass_at_k"]["1"] == 1.0
    assert [(r["task_id"], r["status"]) for r in read_jsonl(out / "results.jsonl")] == [
        (inside, "passed")
    ]
