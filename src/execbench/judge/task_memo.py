"""Values derived from a task, kept for the life of the (worker) process.

A worker judges many samples of the same task objects, which never change: what is derived from a
task alone (a cache key, a plan of calls) need not be derived again for each sample.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from execbench.core import Task

T = TypeVar("T")


class TaskMemo(Generic[T]):
    def __init__(self) -> None:
        # By id, since tasks may hold unhashable data; holding each task keeps its id its own.
        self._values: dict[int, tuple[Task, object, T]] = {}

    def get(self, task: Task, derive: Callable[[], T], source: object = None) -> T:
        """`derive()`'s value for `task`, derived again only for another task object, or when the
        value also depends on `source` and another `source` object comes."""
        held = self._values.get(id(task))
        if held is None or held[0] is not task or held[1] is not source:
            held = self._values[id(task)] = (task, source, derive())
        return held[2]
