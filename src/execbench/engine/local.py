"""The `local` executor: the judge pool on this machine (engine/pool.py)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from execbench.core import Task
from execbench.engine.executor import ExecutorSettings, register_executor
from execbench.engine.pool import JudgePool


@register_executor("local")
def local_pool(tasks: Mapping[str, Task], sandbox: str, settings: ExecutorSettings) -> JudgePool:
    # The CPUs this process may use (a container's cpuset may allow fewer than the machine has).
    workers = settings.workers or len(os.sched_getaffinity(0))
    return JudgePool(tasks, sandbox, workers, runtime=settings.runtime)
