"""Per-task limits scaled from the reference's CPU time: the rule, and a real calibration."""

from __future__ import annotations

import asyncio
import math
import sqlite3
from dataclasses import replace

import pytest

from execbench.core import CallCase, CallTests, Limits, Program, ReferenceOutputs, Status, Verdict
from execbench.engine import reference_times
from execbench.engine.pool import JudgePool
from execbench.engine.reference_times import ReferenceTimes
from execbench.engine.time_limits import TaskBudgets, TimePolicy, calibrate, needs_calibration
from execbench.store.run_store import connect
from tests.support.pool import CountingPool
from tests.support.tasks import ADD_PROMPT, toy_task

CEILING = Limits(cpu_s=10.0, wall_s=22.0)


def test_scaled_from_the_reference_rounded_up_to_a_power_of_two():
    policy = TimePolicy(factor=5.0, floor_s=1.0)
    light = policy.limits_for(Verdict(Status.PASSED, cpu_s=0.01), CEILING)
    heavy = policy.limits_for(Verdict(Status.PASSED, cpu_s=0.5), CEILING)
    noisy = policy.limits_for(Verdict(Status.PASSED, cpu_s=0.55), CEILING)
    huge = policy.limits_for(Verdict(Status.PASSED, cpu_s=30.0), CEILING)
    assert (light.cpu_s, heavy.cpu_s, noisy.cpu_s, huge.cpu_s) == (1.0, 4.0, 4.0, 10.0)
    assert light.wall_s == 3 * 1.0 + 2 and huge.wall_s == CEILING.wall_s
    assert light.memory_mb == CEILING.memory_mb


def test_a_failing_reference_keeps_the_ceiling():
    assert TimePolicy().limits_for(Verdict(Status.TIMEOUT, cpu_s=10.0), CEILING) == CEILING


def test_calibration_runs_the_references_in_the_pool(humaneval_tasks):
    tasks = [humaneval_tasks[name] for name in ("HumanEval/0", "HumanEval/53", "HumanEval/129")]
    by_id = {task.task_id: task for task in tasks}
    pool = JudgePool(by_id, "namespace", 2)
    try:
        first = asyncio.run(calibrate(tasks, pool, CEILING, TimePolicy()))
        second = asyncio.run(calibrate(tasks, pool, CEILING, TimePolicy()))
    finally:
        pool.close()
    assert set(first) == set(by_id)
    for limits in first.values():
        assert TimePolicy.floor_s <= limits.cpu_s <= CEILING.cpu_s
        assert math.log2(limits.cpu_s).is_integer()
    assert first == second


def test_references_measured_before_on_this_machine_are_not_run_again(tmp_path, humaneval_tasks):
    tasks = [humaneval_tasks[name] for name in ("HumanEval/0", "HumanEval/53")]
    by_id = {task.task_id: task for task in tasks}
    times = ReferenceTimes("namespace", tmp_path / "times.sqlite")
    pool = JudgePool(by_id, "namespace", 2)
    counting = CountingPool(pool)
    try:
        first = asyncio.run(calibrate(tasks[:1], counting, CEILING, TimePolicy(), times))
        both = asyncio.run(calibrate(tasks, counting, CEILING, TimePolicy(), times))
        elsewhere = ReferenceTimes("process", tmp_path / "times.sqlite")
        asyncio.run(calibrate(tasks[:1], counting, CEILING, TimePolicy(), elsewhere))
    finally:
        pool.close()
    asked = {task_id: count for (task_id, _), count in counting.asked.items()}
    # The second run measured only the new task; another sandbox backend measures again.
    assert asked == {"HumanEval/0": 2, "HumanEval/53": 1}
    assert both["HumanEval/0"] == first["HumanEval/0"]
    assert set(both) == set(by_id)


def test_only_call_tests_without_expected_results_from_the_reference_are_calibrated(
    humaneval_tasks,
):
    asserts = humaneval_tasks["HumanEval/0"]
    fixed = CallTests("f", (CallCase((1,), 1),))
    scaled = replace(fixed, from_reference=ReferenceOutputs())
    assert needs_calibration(asserts)
    assert needs_calibration(replace(asserts, tests=fixed))
    assert not needs_calibration(replace(asserts, tests=scaled))


def test_reference_times_of_more_tasks_than_one_query_can_name(
    tmp_path, humaneval_tasks, monkeypatch
):
    def old_sqlite(path, schema):  # builds before 3.32 take at most 999 parameters a statement
        db = connect(path, schema)
        db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        return db

    monkeypatch.setattr(reference_times, "connect", old_sqlite)
    base = humaneval_tasks["HumanEval/0"]
    tasks = [replace(base, task_id=f"T{n}", reference=f"{base.reference}#{n}") for n in range(1200)]
    times = ReferenceTimes("namespace", tmp_path / "times.sqlite")
    times.remember(
        [(task, Verdict(Status.PASSED, cpu_s=n / 1000)) for n, task in enumerate(tasks)], CEILING
    )
    known = times.known(tasks, CEILING)
    assert len(known) == 1200 and known["T1199"].cpu_s == 1.199


def test_an_unusable_cache_only_costs_the_measuring(tmp_path, humaneval_tasks):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    times = ReferenceTimes("namespace", blocker / "times.sqlite")
    task = humaneval_tasks["HumanEval/0"]
    with pytest.warns(UserWarning, match="measured in every run"):
        times.remember([(task, Verdict(Status.PASSED, cpu_s=0.01))], CEILING)
    with pytest.warns(UserWarning, match="measured in every run"):
        assert times.known([task], CEILING) == {}


def burn(seconds: float) -> str:
    """A function body that spends `seconds` of CPU time, on any machine, then adds."""
    return (
        "    import time\n"
        f"    end = time.process_time() + {seconds}\n"
        "    while time.process_time() < end:\n"
        "        pass\n"
        "    return a + b\n"
    )


def test_a_reference_is_measured_only_when_a_sample_hits_the_lowest_limits():
    light = toy_task("light/0")
    heavy = replace(toy_task("heavy/0"), reference=ADD_PROMPT + burn(0.04))
    tasks = {task.task_id: task for task in (light, heavy)}
    policy = TimePolicy(floor_s=0.05)  # heavy's reference gets it 5 x 0.04 -> 0.25 s
    looping = "    while True:\n        pass\n"
    programs = {
        "light right": (light, ADD_PROMPT + "    return b + a\n"),
        "light looping": (light, ADD_PROMPT + looping),
        "heavy right": (heavy, heavy.reference + "# a sample\n"),
        "heavy slower than the lowest": (heavy, ADD_PROMPT + burn(0.1)),
        "heavy looping": (heavy, ADD_PROMPT + looping),
    }
    pool = JudgePool(tasks, "namespace", 2)
    counting = CountingPool(pool)
    settled: dict[str, Limits] = {}
    budgets = TaskBudgets(tasks, counting, CEILING, policy, {}, None, settled.__setitem__)

    async def judge_all():
        return await asyncio.gather(
            *(
                budgets.judge(task.task_id, Program("python", source))
                for task, source in programs.values()
            )
        )

    try:
        verdicts = dict(zip(programs, asyncio.run(judge_all()), strict=True))
    finally:
        budgets.close()
        pool.close()
    assert {name: v.status for name, v in verdicts.items()} == {
        "light right": Status.PASSED,
        "light looping": Status.TIMEOUT,
        "heavy right": Status.PASSED,
        "heavy slower than the lowest": Status.PASSED,
        "heavy looping": Status.TIMEOUT,
    }
    lowest = policy.lowest(CEILING)
    assert settled["light/0"] == lowest and settled["heavy/0"].cpu_s > lowest.cpu_s
    asked = {task_id: 0 for task_id in tasks}
    for (task_id, sha), count in counting.asked.items():
        if sha == Program("python", tasks[task_id].reference).sha256:
            asked[task_id] += count
    # Each reference ran once, for its looping sample; the light looper stood, heavy's ran again.
    assert asked == {"light/0": 1, "heavy/0": 1}
    looper = Program("python", ADD_PROMPT + looping).sha256
    assert counting.asked["light/0", looper] == 1 and counting.asked["heavy/0", looper] == 2


def test_a_task_whose_limits_are_known_is_not_measured_again_when_a_sample_hits_them():
    light = toy_task("light/0")
    tasks = {light.task_id: light}
    policy = TimePolicy(floor_s=0.05)
    known = {light.task_id: policy.lowest(CEILING)}  # settled before, at the lowest
    pool = JudgePool(tasks, "namespace", 1)
    counting = CountingPool(pool)
    budgets = TaskBudgets(tasks, counting, CEILING, policy, known)
    looping = Program("python", ADD_PROMPT + "    while True:\n        pass\n")
    try:
        verdict = asyncio.run(budgets.judge(light.task_id, looping))
    finally:
        budgets.close()
        pool.close()
    assert verdict.status is Status.TIMEOUT
    assert dict(counting.asked) == {(light.task_id, looping.sha256): 1}


def test_jobs_that_waited_while_their_task_was_measured_run_under_the_measured_limits():
    """Limits are fixed when a worker takes a job, not when it is asked for: with one worker,
    most of a task's samples are still waiting when its looping sample has it measured."""
    heavy = replace(toy_task("heavy/0"), reference=ADD_PROMPT + burn(0.04))
    tasks = {heavy.task_id: heavy}
    policy = TimePolicy(floor_s=0.05)  # the reference gets 5 x 0.04 -> 0.25 s
    looping = Program("python", ADD_PROMPT + "    while True:\n        pass\n")
    # Slower than the lowest limits, within the measured ones; distinct, so each is judged.
    slower = [Program("python", ADD_PROMPT + burn(0.1) + f"# {n}\n") for n in range(8)]
    pool = JudgePool(tasks, "namespace", 1)
    counting = CountingPool(pool)
    budgets = TaskBudgets(tasks, counting, CEILING, policy, {})

    async def judge_all():
        programs = [looping, *slower]
        return await asyncio.gather(*(budgets.judge(heavy.task_id, p) for p in programs))

    try:
        verdicts = asyncio.run(judge_all())
    finally:
        budgets.close()
        pool.close()
    assert [v.status for v in verdicts] == [Status.TIMEOUT] + [Status.PASSED] * len(slower)
    asks = [counting.asked[heavy.task_id, program.sha256] for program in slower]
    # The first ones ran under the lowest limits and again under the measured; not the rest.
    assert asks[0] == 2 and asks[-1] == 1
