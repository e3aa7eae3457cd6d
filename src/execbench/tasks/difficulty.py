"""Keeping the tasks of one difficulty (`--difficulty`), as LiveCodeBench reports them.

A task's difficulty is `metadata["difficulty"]` (LiveCodeBench and LeetCode: easy / medium /
hard; APPS: introductory / interview / competition), compared without regard to case. Asking
for a difficulty the benchmark does not mark, or one none of its tasks has, is an error naming
the difficulties it has, not an empty run.
"""

from __future__ import annotations

from collections.abc import Sequence

from execbench.core import Task, UserError


def task_difficulty(task: Task) -> str | None:
    value = task.metadata.get("difficulty")
    return str(value).strip().lower() if value else None


def select_difficulty(tasks: Sequence[Task], difficulty: str | None) -> list[Task]:
    """The tasks of `difficulty` (all of them when it is None)."""
    if difficulty is None:
        return list(tasks)
    wanted = difficulty.strip().lower()
    present = sorted({d for task in tasks if (d := task_difficulty(task))})
    if not present:
        raise UserError(f"--difficulty {difficulty}: this benchmark's tasks have no difficulty")
    chosen = [task for task in tasks if task_difficulty(task) == wanted]
    if not chosen:
        known = ", ".join(present)
        raise UserError(f"--difficulty {difficulty}: no task has it; the tasks are {known}")
    return chosen
