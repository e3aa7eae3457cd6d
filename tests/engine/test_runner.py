"""Scheduling samples: each distinct program of a task is judged once, every sample is recorded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial

from execbench.core import Limits, Sample, SampleFormat, Status
from execbench.engine.pool import JudgePool
from execbench.engine.runner import evaluate_stream
from execbench.store import RunStore
from tests.support.pool import CountingPool

LIMITS = Limits(cpu_s=2, wall_s=6)


def test_identical_programs_of_a_task_are_judged_once_and_share_the_verdict(
    tmp_path, humaneval_tasks
) -> None:
    first, second = humaneval_tasks["HumanEval/0"], humaneval_tasks["HumanEval/2"]
    right = first.reference[len(first.prompt) :]
    wrong = "    return None\n"
    texts = [
        (first, right),
        (first, wrong),
        (first, right),
        (first, right),
        (first, wrong),
        (second, second.reference[len(second.prompt) :]),
    ]
    samples = [
        Sample(task.task_id, index, text, SampleFormat.COMPLETION)
        for index, (task, text) in enumerate(texts)
    ]

    async def arriving() -> AsyncIterator[Sample]:
        for sample in samples:
            yield sample

    tasks = {task.task_id: task for task in (first, second)}
    pool = JudgePool(tasks, "namespace", workers=2)
    counting = CountingPool(pool)
    try:
        with RunStore.in_directory(tmp_path) as store:
            judge = partial(counting.judge, limits=LIMITS)
            counts = asyncio.run(evaluate_stream(arriving(), tasks, judge, store))
            results = store.results([(s.task_id, s.sample_index) for s in samples])
    finally:
        pool.close()

    assert counts.judged == len(samples)
    assert sorted(counting.asked.values()) == [1, 1, 1]
    assert [line.status for line in results] == [
        Status.PASSED,
        Status.FAILED,
        Status.PASSED,
        Status.PASSED,
        Status.FAILED,
        Status.PASSED,
    ]
