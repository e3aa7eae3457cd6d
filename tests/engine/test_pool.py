"""The judge pool: verdicts come back to the job that asked, across workers and event loops, and
a worker that dies is replaced without losing the run."""

from __future__ import annotations

import asyncio
import dataclasses
import os
from dataclasses import replace

import pytest

from execbench.core import AssertTests, Limits, Program, Status
from execbench.engine.pool import MAX_POOL_BREAKS, JudgePool
from tests.support.tasks import ADD_PROMPT, toy_task

LIMITS = Limits(cpu_s=2.0, wall_s=10.0)


def test_each_job_gets_its_own_verdict_from_any_worker(humaneval_tasks):
    task = humaneval_tasks["HumanEval/53"]  # add(x, y)
    right = Program("python", task.reference)
    wrong = Program("python", task.reference.replace("return x + y", "return x - y"))
    pool = JudgePool({task.task_id: task}, "namespace", 2)

    async def judge_all():
        programs = [right, wrong] * 6
        return await asyncio.gather(*(pool.judge(task.task_id, p, LIMITS) for p in programs))

    try:
        first = asyncio.run(judge_all())
        second = asyncio.run(judge_all())  # a new event loop, the same workers
    finally:
        pool.close()
    expected = [Status.PASSED, Status.FAILED] * 6
    assert [v.status for v in first] == [v.status for v in second] == expected


def test_a_worker_killed_by_trusted_code_is_replaced_and_the_job_reported(
    humaneval_tasks, tmp_path
):
    task = humaneval_tasks["HumanEval/53"]
    # Each worker the deadly job kills writes its pid first.
    killed = tmp_path / "killed"
    code = f"import os\nopen({str(killed)!r}, 'a').write(f'{{os.getpid()}}\\n')\nos._exit(3)\n"
    tests = dataclasses.replace(task.tests, code=code)
    deadly = dataclasses.replace(task, task_id="deadly", tests=tests)
    tasks = {task.task_id: task, deadly.task_id: deadly}
    pool = JudgePool(tasks, "namespace", 1)
    program = Program("python", task.reference)

    async def judge_both():
        return await asyncio.gather(
            pool.judge("deadly", program, LIMITS), pool.judge(task.task_id, program, LIMITS)
        )

    try:
        broken, fine = asyncio.run(judge_both())
        after = asyncio.run(pool.judge(task.task_id, program, LIMITS))
    finally:
        pool.close()
    # Retried on a fresh worker each time, until it had broken MAX_POOL_BREAKS of them.
    assert len(set(killed.read_text().split())) == MAX_POOL_BREAKS
    assert broken.status is Status.SANDBOX_ERROR and "worker process died" in broken.detail
    assert fine.status is Status.PASSED and after.status is Status.PASSED


def test_a_job_queued_behind_a_looping_sample_is_taken_by_an_idle_worker(humaneval_tasks):
    task = humaneval_tasks["HumanEval/53"]
    right = Program("python", task.reference)
    looping = Program("python", task.prompt + "    while True:\n        pass\n")
    pool = JudgePool({task.task_id: task}, "namespace", 2)
    finished: list[str] = []

    async def judge(name: str, program: Program) -> Status:
        verdict = await pool.judge(task.task_id, program, LIMITS)
        finished.append(name)
        return verdict.status

    async def judge_all():
        # Two workers: the looper and "second" go to one, "first" and "third" to the other.
        names = [("looper", looping), ("first", right), ("second", right), ("third", right)]
        return await asyncio.gather(*(judge(name, program) for name, program in names))

    try:
        statuses = asyncio.run(judge_all())
    finally:
        pool.close()
    assert statuses == [Status.TIMEOUT, Status.PASSED, Status.PASSED, Status.PASSED]
    assert finished[-1] == "looper"


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs")
def test_each_worker_and_the_samples_it_forks_keep_to_a_cpu_of_their_own(tmp_path):
    seen = tmp_path / "cpus"
    prompt = "def where():\n"
    checks = (
        "import os\n"
        "mine = sorted(os.sched_getaffinity(0))\n"
        "assert len(mine) == 1, mine\n"
        "assert where() == mine, (where(), mine)\n"
        f"with open({str(seen)!r}, 'a') as handle:\n"
        "    handle.write(f'{mine[0]}\\n')\n"
    )
    task = replace(
        toy_task("pinned/0", prompt),
        tests=AssertTests(code=checks, entry_points=("where",)),
        reference=prompt + "    import os\n    return sorted(os.sched_getaffinity(0))\n",
    )
    pool = JudgePool({task.task_id: task}, "namespace", 2)
    program = Program("python", task.reference)

    async def judge_two():  # one job to each worker
        return await asyncio.gather(*(pool.judge(task.task_id, program, LIMITS) for _ in range(2)))

    try:
        verdicts = asyncio.run(judge_two())
    finally:
        pool.close()
    assert [v.status for v in verdicts] == [Status.PASSED] * 2, verdicts
    assert len(set(seen.read_text().split())) == 2


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs")
def test_a_sample_that_widens_its_cpus_is_still_stopped_at_its_budget():
    # Two threads hashing (without the GIL) until the sample has used 0.8 s of CPU: on two free
    # CPUs, 0.4 s from its start, before a watch that counted one CPU would first look (0.5 s).
    body = (
        "    import hashlib, os, threading, time\n"
        "    os.sched_setaffinity(0, range(os.cpu_count()))\n"
        "    def hash_until_the_end():\n"
        "        while time.process_time() < 0.8:\n"
        "            hashlib.sha256(bytes(1 << 22)).digest()\n"
        "    threads = [threading.Thread(target=hash_until_the_end) for _ in range(2)]\n"
        "    for thread in threads:\n"
        "        thread.start()\n"
        "    for thread in threads:\n"
        "        thread.join()\n"
        "    return a + b\n"
    )
    task = toy_task("widening/0")
    budget = Limits(cpu_s=0.5, wall_s=5.0)
    pool = JudgePool({task.task_id: task}, "namespace", 2)
    try:
        program = Program("python", ADD_PROMPT + body)
        verdict = asyncio.run(pool.judge(task.task_id, program, budget))
    finally:
        pool.close()
    assert verdict.status is Status.TIMEOUT, verdict
