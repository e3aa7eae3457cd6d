"""Per-task CPU limits scaled from the reference solution's own measured CPU time.

A fixed limit is either too tight for heavy tasks on a slow machine or wastes seconds on every
looping sample of a light task. So each task's reference runs first, in the same sandbox and
worker pool as the samples, and its CPU time (not wall time: load on the machine does not change
it) sets the task's budget: `factor` times as much, rounded up to a power of two so that small
measurement noise does not move it (same samples, same verdicts), never below `floor_s` nor above
the configured limit. The wall cap follows the CPU budget, with room for a busy machine. What was
measured is kept across runs on this machine (reference_times.py).

Call tests whose expected results come from the reference (EvalPlus) are not calibrated: computing
those results already timed each of the reference's calls, the judge gives every call and group a
limit scaled from those times, and the sample's whole budget is at least their sum. A judged run of
the reference would only repeat that work (hundreds of calls per task) for a budget that never
binds.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from execbench.core import CallTests, Limits, Program, Task, Verdict
from execbench.engine.pool import JudgePool
from execbench.engine.reference_times import ReferenceTimes


@dataclass(frozen=True)
class TimePolicy:
    factor: float = 5.0
    # Light references take ~2 ms of CPU, so the floor decides: 250x that, and 6x what a sample
    # pays to import numpy itself (80 ms here), so that a slower machine stays clear of it.
    floor_s: float = 0.5
    wall_factor: float = 3.0
    wall_slack_s: float = 2.0

    def limits_for(self, reference: Verdict, ceiling: Limits) -> Limits:
        """The limits for a task whose reference ended with `reference` under `ceiling`."""
        if not reference.passed:
            return ceiling  # nothing trustworthy to scale from
        wanted = self.factor * max(reference.cpu_s, 1e-3)
        cpu = min(ceiling.cpu_s, max(self.floor_s, 2.0 ** math.ceil(math.log2(wanted))))
        wall = min(ceiling.wall_s, self.wall_factor * cpu + self.wall_slack_s)
        return replace(ceiling, cpu_s=cpu, wall_s=wall)


def needs_calibration(task: Task) -> bool:
    """Whether `task`'s budget comes from a run of its reference (see the module's note)."""
    tests = task.tests
    return not (isinstance(tests, CallTests) and tests.from_reference is not None)


async def calibrate(
    tasks: Sequence[Task],
    pool: JudgePool,
    ceiling: Limits,
    policy: TimePolicy,
    times: ReferenceTimes | None = None,
) -> dict[str, Limits]:
    """Run every task's reference under `ceiling` and derive each task's limits from it; those
    `times` measured before are not run again."""
    known = times.known(tasks, ceiling) if times else {}
    missing = [task for task in tasks if task.task_id not in known]
    verdicts = await asyncio.gather(
        *(
            pool.judge(task.task_id, Program(task.language, task.reference), ceiling)
            for task in missing
        )
    )
    if times:
        times.remember(zip(missing, verdicts, strict=True), ceiling)
    known.update((task.task_id, verdict) for task, verdict in zip(missing, verdicts, strict=True))
    return {task.task_id: policy.limits_for(known[task.task_id], ceiling) for task in tasks}
