"""Nothing stalls a run: the pool's watchdog stops a worker whose job overruns (trusted code stuck
in a C call that no alarm in the worker interrupts) and reports that sample as a sandbox error,
the other samples keep their verdicts; and a worker converts no huge integer to decimal."""

from __future__ import annotations

import asyncio
import dataclasses

from execbench.core import AssertTests, Limits, Program, Status
from execbench.engine.pool import JudgePool
from tests.support.tasks import toy_task

LIMITS = Limits(cpu_s=1.0, wall_s=3.0)
RIGHT = Program("python", "def add(a, b):\n    return a + b\n")
WRONG = Program("python", "def add(a, b):\n    return a - b\n")


def _judge_all(pool: JudgePool, jobs: list[tuple[str, Program]], limits: Limits = LIMITS) -> list:
    async def judge_all():
        return await asyncio.gather(*(pool.judge(task, program, limits) for task, program in jobs))

    return asyncio.run(judge_all())


def test_a_job_stuck_in_trusted_code_is_stopped_and_the_others_keep_their_verdicts():
    fine = toy_task("fine")
    # One C call of trusted test code, hours long: the worker's own alarm cannot end it.
    stuck = dataclasses.replace(
        fine,
        task_id="stuck",
        tests=AssertTests(
            code="assert add(1, 2) == 3\nsum(range(10**15))\n", entry_points=("add",)
        ),
    )
    pool = JudgePool({task.task_id: task for task in (fine, stuck)}, "namespace", 2, stall_s=2.0)
    jobs = [("fine", RIGHT), ("stuck", RIGHT), ("fine", WRONG), ("fine", RIGHT), ("fine", WRONG)]
    try:
        verdicts = _judge_all(pool, jobs)
        after = _judge_all(pool, [("fine", RIGHT)])  # the stopped worker was replaced
    finally:
        pool.close()
    statuses = [verdict.status for verdict in verdicts]
    assert statuses == [
        Status.PASSED,
        Status.SANDBOX_ERROR,
        Status.FAILED,
        Status.PASSED,
        Status.FAILED,
    ]
    assert "stopped by the watchdog" in verdicts[1].detail
    assert after[0].status is Status.PASSED


def test_a_job_is_granted_the_wall_limit_of_each_sandbox_operation_it_starts():
    """Samples that run for longer than the stall allowance, inside the sandbox, are not stopped."""
    sleepy = Program(
        "python", "import time\ndef add(a, b):\n    time.sleep(2.5)\n    return a + b\n"
    )
    task = toy_task("sleepy")
    pool = JudgePool({task.task_id: task}, "namespace", 1, stall_s=2.0)
    try:
        [verdict] = _judge_all(pool, [("sleepy", sleepy)], Limits(cpu_s=1.0, wall_s=6.0))
    finally:
        pool.close()
    assert verdict.status is Status.PASSED, verdict


def test_a_worker_converts_no_huge_integer_to_decimal():
    """str() of a million-digit integer takes tens of seconds: a worker refuses, as Python does."""
    task = dataclasses.replace(
        toy_task("digits"),
        tests=AssertTests(code="assert str(add(1, 2) << 3_200_000) != ''\n", entry_points=("add",)),
    )
    pool = JudgePool({task.task_id: task}, "namespace", 1)
    try:
        [verdict] = _judge_all(pool, [("digits", RIGHT)])
    finally:
        pool.close()
    assert verdict.status is Status.FAILED and "Exceeds the limit" in verdict.detail, verdict
