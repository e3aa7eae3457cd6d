"""Per-task CPU limits scaled from the reference solution's own measured CPU time.

A fixed limit is either too tight for heavy tasks on a slow machine or wastes seconds on every
looping sample of a light task. So each task's reference runs first, in the same sandbox and
worker pool as the samples, and its CPU time (not wall time: load on the machine does not change
it) sets the task's budget: `factor` times as much, rounded up to a power of two so that small
measurement noise does not move it (same samples, same verdicts), never below `floor_s` nor above
the configured limit. The wall cap follows the CPU budget, with room for a busy machine. What was
measured is kept across runs on this machine (reference_times.py).

A run measures a reference only when it must (`TaskBudgets`). Until then a task's samples get the
lowest limits any measurement could give (the floor). A sample that ends within them ends the
same way under any larger limits, so its verdict stands; one that hits them has its task's
reference measured, and is judged again if that gives the task more. HumanEval's references
all land on the floor, and most samples end well within it, so a run measures the few tasks
with a looping sample rather than all of them.

Call tests whose expected results come from the reference (EvalPlus) are not calibrated: computing
those results already timed each of the reference's calls, the judge gives every call and group a
limit scaled from those times, and the sample's whole budget is at least their sum. A judged run of
the reference would only repeat that work (hundreds of calls per task) for a budget that never
binds.
"""

from __future__ import annotations

import asyncio
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from execbench.core import CallTests, EfficiencyTests, Limits, Program, Status, Task, Verdict
from execbench.engine.executor import Executor
from execbench.engine.reference_times import ReferenceTimes


@dataclass(frozen=True)
class TimePolicy:
    factor: float = 5.0
    # Light references take ~2 ms of CPU, so the floor decides: 250x that, and 6x what a sample
    # pays to import numpy itself (80 ms here), so that a slower machine stays clear of it.
    floor_s: float = 0.5
    # How a task's scaled limits get their wall cap from their CPU budget (`Limits.with_cpu`).
    wall_factor: float = 3.0
    wall_slack_s: float = 2.0

    def limits_for(self, reference: Verdict, ceiling: Limits) -> Limits:
        """The limits for a task whose reference ended with `reference` under `ceiling`."""
        if not reference.passed:
            return ceiling  # nothing trustworthy to scale from
        wanted = self.factor * max(reference.cpu_s, 1e-3)
        cpu = min(ceiling.cpu_s, max(self.floor_s, 2.0 ** math.ceil(math.log2(wanted))))
        return ceiling.with_cpu(cpu, self.wall_factor, self.wall_slack_s)

    def lowest(self, ceiling: Limits) -> Limits:
        """The least `limits_for` can give under `ceiling`, whatever the reference measures."""
        return self.limits_for(Verdict(Status.PASSED, cpu_s=0.0), ceiling)


def needs_calibration(task: Task) -> bool:
    """Whether `task`'s budget comes from a run of its reference (see the module's note).
    Efficiency tests set their own limits from the reference's measured times."""
    tests = task.tests
    if isinstance(tests, EfficiencyTests):
        return False
    return not (isinstance(tests, CallTests) and tests.from_reference is not None)


def measured_before(
    tasks: Iterable[Task], times: ReferenceTimes, ceiling: Limits, policy: TimePolicy
) -> dict[str, Limits]:
    """The limits of those `tasks` whose reference `times` measured on this machine before."""
    wanted = [task for task in tasks if needs_calibration(task)]
    return {
        task_id: policy.limits_for(verdict, ceiling)
        for task_id, verdict in times.known(wanted, ceiling).items()
    }


async def calibrate(
    tasks: Sequence[Task],
    pool: Executor,
    ceiling: Limits,
    policy: TimePolicy,
    times: ReferenceTimes | None = None,
    first: bool = False,
) -> dict[str, Limits]:
    """Run every task's reference under `ceiling` and derive each task's limits from it; those
    `times` measured before are not run again. `first`: ahead of the pool's waiting jobs."""
    known = times.known(tasks, ceiling) if times else {}
    missing = [task for task in tasks if task.task_id not in known]
    verdicts = await asyncio.gather(
        *(
            pool.judge(task.task_id, Program(task.language, task.reference), ceiling, first)
            for task in missing
        )
    )
    if times:
        times.remember(zip(missing, verdicts, strict=True), ceiling)
    known.update((task.task_id, verdict) for task, verdict in zip(missing, verdicts, strict=True))
    return {task.task_id: policy.limits_for(known[task.task_id], ceiling) for task in tasks}


class TaskBudgets:
    """Each task's limits in one run, its reference measured only when a sample needs it.

    `limits(task_id)` is what the task's next job gets: the measured limits once known, the
    lowest until then (the ceiling for tasks not calibrated). Jobs ask for it when a worker takes
    them, so those that waited while their task was measured get the measured limits. `known`:
    limits settled before (earlier in this run, or from `times` measured on this machine);
    `settled` is called with every newly measured task's."""

    def __init__(
        self,
        tasks: Mapping[str, Task],
        pool: Executor,
        ceiling: Limits,
        policy: TimePolicy,
        known: Mapping[str, Limits],
        times: ReferenceTimes | None = None,
        settled: Callable[[str, Limits], None] | None = None,
    ) -> None:
        self._tasks = tasks
        self._pool = pool
        self._ceiling = ceiling
        self._policy = policy
        self._times = times
        self._on_settled = settled
        self._lowest = policy.lowest(ceiling)
        self._scaled = {task_id for task_id, task in tasks.items() if needs_calibration(task)}
        self._limits = {
            task_id: known.get(task_id, self._lowest if task_id in self._scaled else ceiling)
            for task_id in tasks
        }
        self._settled = set(known)  # their limits in `_limits` are final
        self._measuring: dict[str, asyncio.Future[Limits]] = {}

    def limits(self, task_id: str) -> Limits:
        return self._limits[task_id]

    async def judge(self, task_id: str, program: Program) -> Verdict:
        """`program`'s verdict under its task's limits, measured first if it needs them."""
        limits_now = functools.partial(self.limits, task_id)
        verdict, limits = await self._pool.judge_limited(task_id, program, limits_now)
        if verdict.status is not Status.TIMEOUT or task_id not in self._scaled:
            return verdict
        if limits != self._lowest:
            return verdict  # judged under the task's measured limits
        if task_id in self._settled:
            measured = self._limits[task_id]
        else:
            measured = await self._settle(task_id)
        if measured == limits:
            return verdict
        return await self._pool.judge(task_id, program, measured)

    async def _settle(self, task_id: str) -> Limits:
        if task_id not in self._measuring:
            self._measuring[task_id] = asyncio.ensure_future(self._measure(task_id))
        return await asyncio.shield(self._measuring[task_id])

    async def _measure(self, task_id: str) -> Limits:
        task = self._tasks[task_id]
        ceiling, policy = self._ceiling, self._policy
        measured = await calibrate([task], self._pool, ceiling, policy, self._times, first=True)
        limits = measured[task_id]
        self._limits[task_id] = limits
        self._settled.add(task_id)
        if self._on_settled:
            self._on_settled(task_id, limits)
        return limits

    def close(self) -> None:
        for measuring in self._measuring.values():
            measuring.cancel()
