"""A real judge pool that also counts what it is asked to judge."""

from __future__ import annotations

from collections import Counter

from execbench.core import Limits, Program, Verdict
from execbench.engine.pool import JudgePool


class CountingPool:
    def __init__(self, pool: JudgePool) -> None:
        self.pool = pool
        self.asked: Counter[tuple[str, str]] = Counter()  # (task id, program sha256)

    async def judge(self, task_id: str, program: Program, limits: Limits | None = None) -> Verdict:
        self.asked[task_id, program.sha256] += 1
        return await self.pool.judge(task_id, program, limits)
