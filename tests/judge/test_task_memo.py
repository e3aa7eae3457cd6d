"""Values derived from a task live as long as the task object: a long-lived worker that is sent
a task with each job (the server's) does not keep them all."""

from __future__ import annotations

import gc

from execbench.judge.task_memo import TaskMemo
from tests.support.tasks import toy_task


def test_a_value_is_derived_once_per_task_object_and_goes_with_it():
    memo: TaskMemo[str] = TaskMemo()
    derived: list[str] = []

    def derive(name: str):
        return lambda: derived.append(name) or name

    kept = toy_task("kept")
    assert memo.get(kept, derive("kept")) == "kept"
    assert memo.get(kept, derive("again")) == "kept"  # not derived a second time
    for index in range(50):
        memo.get(toy_task(f"passing/{index}"), derive(f"passing/{index}"))
    gc.collect()
    assert len(memo) == 1  # only the live task's value is held
    assert memo.get(kept, derive("again")) == "kept"
    assert derived == ["kept"] + [f"passing/{index}" for index in range(50)]
