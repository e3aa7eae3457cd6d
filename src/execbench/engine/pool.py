"""A pool of trusted worker processes judging programs concurrently."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from execbench.core import Limits, Program, Status, Task, Verdict
from execbench.engine import worker

# A sample whose judging broke the whole pool this many times is reported, not retried forever.
MAX_POOL_BREAKS = 2


class JudgePool:
    def __init__(
        self,
        tasks: Mapping[str, Task],
        limits: Mapping[str, Limits],
        sandbox: str,
        workers: int,
    ) -> None:
        self._initargs = (dict(tasks), sandbox)
        self.limits = dict(limits)
        self._workers = workers
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the harness has threads (progress display, event loop helpers).
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.initialize,
            initargs=self._initargs,
        )

    async def judge(self, task_id: str, program: Program, limits: Limits | None = None) -> Verdict:
        """The verdict for `program`, under `limits` or else the task's entry in `self.limits`."""
        chosen = limits or self.limits[task_id]
        for _ in range(MAX_POOL_BREAKS):
            executor = self._executor
            try:
                future = executor.submit(worker.judge_program, task_id, program, chosen)
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                if self._executor is executor:
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = self._start()
        return Verdict(Status.SANDBOX_ERROR, "a trusted worker process died while judging")

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
