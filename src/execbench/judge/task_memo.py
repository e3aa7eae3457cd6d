"""Values derived from a task, kept for as long as the task object lives.

A worker judges many samples of the same task objects, which never change: what is derived from a
task alone (a cache key, a plan of calls) need not be derived again for each sample. A job may
also bring a task of its own (the server's requests do): its values go when it does, so a
long-lived worker does not keep every task it was ever sent.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from execbench.core import Task

T = TypeVar("T")


class TaskMemo(Generic[T]):
    def __init__(self) -> None:
        # By id, since tasks may hold unhashable data; each entry goes when its task is collected.
        self._values: dict[int, tuple[weakref.ref[Task], object, T]] = {}

    def get(self, task: Task, derive: Callable[[], T], source: object = None) -> T:
        """`derive()`'s value for `task`, derived again only for another task object, or when the
        value also depends on `source` and another `source` object comes."""
        key = id(task)
        held = self._values.get(key)
        if held is None or held[0]() is not task or held[1] is not source:
            values = self._values
            # An id is reused only once its task is collected, and so after this callback ran.
            forget = weakref.ref(task, lambda _: values.pop(key, None))
            held = self._values[key] = (forget, source, derive())
        return held[2]

    def __len__(self) -> int:
        return len(self._values)
