"""Small tasks built in the tests, for code that needs a Task but no benchmark data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from execbench.core import AssertTests, Task

ADD_PROMPT = 'def add(a, b):\n    """Return the sum of a and b."""\n'


def toy_task(
    task_id: str = "toy/0", prompt: str = ADD_PROMPT, metadata: Mapping[str, Any] | None = None
) -> Task:
    """A HumanEval-shaped task asking for `add`."""
    return Task(
        task_id=task_id,
        benchmark="toy",
        prompt=prompt,
        tests=AssertTests(code="assert add(1, 2) == 3\n", entry_points=("add",)),
        reference=prompt + "    return a + b\n",
        entry_point="add",
        completion_prefix=prompt,
        metadata=metadata or {},
    )
