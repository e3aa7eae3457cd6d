"""A real judge pool that also counts what it is asked to judge."""

from __future__ import annotations

from collections import Counter

from execbench.core import Limits, Program, Verdict
from execbench.engine.pool import JobLimits, JudgePool


class CountingPool:
    def __init__(self, pool: JudgePool) -> None:
        self.pool = pool
        self.asked: Counter[tuple[str, str]] = Counter()  # (task id, program sha256)

    async def judge(
        self, task_id: str, program: Program, limits: JobLimits, first: bool = False
    ) -> Verdict:
        verdict, _ = await self.judge_limited(task_id, program, limits, first)
        return verdict

    async def judge_limited(
        self, task_id: str, program: Program, limits: JobLimits, first: bool = False
    ) -> tuple[Verdict, Limits]:
        self.asked[task_id, program.sha256] += 1
        return await self.pool.judge_limited(task_id, program, limits, first)
