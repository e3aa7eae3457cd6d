"""Quick subsets of a benchmark's tasks: which tasks, in which order, and what is recorded."""

from __future__ import annotations

import pytest

from execbench.core import Task, UserError
from execbench.core.subset import TaskSubset
from tests.support.tasks import toy_task

ALL = [toy_task(f"T/{i}") for i in range(20)]


def ids(chosen: list[Task]) -> list[str]:
    return [task.task_id for task in chosen]


def test_the_whole_benchmark_unless_asked():
    assert TaskSubset().whole and TaskSubset().canonical() is None
    assert TaskSubset().select(ALL, ALL) == ALL
    assert TaskSubset().label() == ""


def test_limit_keeps_the_first_n_in_order():
    assert ids(TaskSubset(limit=3).select(ALL, ALL)) == ["T/0", "T/1", "T/2"]


def test_a_sample_is_seeded_kept_in_benchmark_order_and_another_seed_draws_others():
    drawn = ids(TaskSubset(sample_tasks=5, seed=7).select(ALL, ALL))
    assert drawn == ids(TaskSubset(sample_tasks=5, seed=7).select(ALL, ALL))
    assert len(drawn) == 5 and drawn == sorted(drawn, key=lambda i: int(i[2:]))
    assert drawn != ids(TaskSubset(sample_tasks=5, seed=8).select(ALL, ALL))
    assert drawn != ids(ALL[:5])
    # No seed draws as seed 0, and says so.
    unseeded = TaskSubset(sample_tasks=5)
    assert ids(unseeded.select(ALL, ALL)) == ids(
        TaskSubset(sample_tasks=5, seed=0).select(ALL, ALL)
    )
    assert unseeded.canonical() == TaskSubset(sample_tasks=5, seed=0)


def test_named_tasks_then_a_limit():
    subset = TaskSubset(task_ids=("T/9", "T/2", "T/5"), limit=2)
    assert ids(subset.select(ALL, ALL)) == ["T/2", "T/5"]


def test_an_unknown_task_is_named_with_a_suggestion():
    with pytest.raises(UserError, match=r"--task 'T/77': no such task.*did you mean 'T/7'"):
        TaskSubset(task_ids=("T/77",)).select(ALL, ALL)


def test_a_task_the_date_window_left_out_is_not_silently_dropped():
    with pytest.raises(UserError, match=r"--task 'T/15': outside the chosen tasks"):
        TaskSubset(task_ids=("T/1", "T/15")).select(ALL[:10], ALL)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"limit": 0}, "--limit 0: expected at least 1"),
        ({"sample_tasks": -1}, "--sample-tasks -1: expected at least 1"),
        ({"limit": 2, "sample_tasks": 2}, "--limit and --sample-tasks: give one"),
    ],
)
def test_bad_options_are_refused(options, message):
    with pytest.raises(UserError, match=message):
        TaskSubset(**options)


def test_the_record_and_the_folder_name_differ_for_different_subsets():
    subsets = [
        TaskSubset(limit=10),
        TaskSubset(sample_tasks=10, seed=1),
        TaskSubset(sample_tasks=10, seed=2),
        TaskSubset(task_ids=("T/1",)),
        TaskSubset(task_ids=("T/2",)),
    ]
    assert len({subset.canonical() for subset in subsets}) == len(subsets)
    assert len({subset.label() for subset in subsets}) == len(subsets)
    # A seed that drew nothing is no part of the subset (for run, it seeds the model only).
    assert TaskSubset(limit=10, seed=3).canonical() == TaskSubset(limit=10)
    # The order --task ids were given in is not.
    named = TaskSubset(task_ids=("T/2", "T/1"))
    assert named.canonical() == TaskSubset(task_ids=("T/1", "T/2")).canonical()
    assert named.label() == TaskSubset(task_ids=("T/1", "T/2")).label()
