"""Scheduling samples over the judge pool as they arrive, skipping what the store already has.

A program is judged once per task: samples whose extracted programs are identical (common when
a model samples at low temperature) share one verdict. Verdicts are deterministic, so this only
saves the time; it also keeps such samples from ever disagreeing near a limit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from execbench.core import Program, Sample, Task, Verdict
from execbench.extract import extract_program
from execbench.store import RunStore

# Called once per sample, with whether it passed: judged now, or in an earlier run of the same.
VerdictCallback = Callable[[Sample, bool], None]
# Judges a task's program: `JudgePool.judge` under fixed limits, or `TaskBudgets.judge`.
Judge = Callable[[str, Program], Awaitable[Verdict]]


@dataclass
class RunCounts:
    judged: int = 0
    resumed: int = 0


async def evaluate_stream(
    samples: AsyncIterable[Sample],
    tasks: Mapping[str, Task],
    judge: Judge,
    store: RunStore,
    on_verdict: VerdictCallback | None = None,
) -> RunCounts:
    """Judge every sample as soon as it arrives, while later samples are still being produced."""
    already = store.judged_programs()
    counts = RunCounts()
    in_flight: set[asyncio.Task[None]] = set()
    # (task id, program sha256) -> its verdict, judged or being judged.
    verdicts: dict[tuple[str, str], asyncio.Future[Verdict]] = {}

    def verdict_for(task_id: str, program: Program) -> asyncio.Future[Verdict]:
        key = (task_id, program.sha256)
        if key not in verdicts:
            verdicts[key] = asyncio.ensure_future(judge(task_id, program))
        return verdicts[key]

    async def judge_and_record(sample: Sample, program: Program) -> None:
        verdict = await asyncio.shield(verdict_for(sample.task_id, program))
        store.record(sample, program, verdict)
        counts.judged += 1
        if on_verdict:
            on_verdict(sample, verdict.passed)

    try:
        async for sample in samples:
            program = extract_program(tasks[sample.task_id], sample)
            earlier = already.get((sample.task_id, sample.sample_index))
            if earlier and earlier.sha256 == program.sha256:
                counts.resumed += 1
                if on_verdict:
                    on_verdict(sample, earlier.passed)
                continue
            job = asyncio.create_task(judge_and_record(sample, program))
            in_flight.add(job)
            job.add_done_callback(in_flight.discard)
        if in_flight:
            await asyncio.gather(*in_flight)
    finally:
        pending: list[asyncio.Future[Any]] = [*in_flight, *verdicts.values()]
        for future in pending:
            future.cancel()
    return counts
