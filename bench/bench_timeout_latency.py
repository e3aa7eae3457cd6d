"""What a timeout costs beyond its limit: how late a looping sample is stopped, and how long its
worker takes to be ready for the next.

    .venv/bin/python bench/bench_timeout_latency.py [--repeats 5] [--sandbox namespace]

One judge worker (JudgePool, the real path) is given, `--repeats` times each: a right sample, a
sample looping in a call of a call test (per-call limit 0.25 s: EvalPlus's rule with a lower
minimum), and one looping in an assert test (CPU budget 0.25 s), each loop followed at once by a
right sample. Prints, as medians: the wall time (call limits) and CPU (sample budgets, which
load on the machine does not change) the looping sample took beyond its limit, the judging
wall time around the sample's own (the harness's part), and the right sample after it less a right
sample after a right one (what the timeout left for the next sample to pay).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from execbench.core import (
    AssertTests,
    CallCase,
    CallTests,
    Limits,
    Program,
    ReferenceOutputs,
    Status,
    Task,
    Verdict,
)
from execbench.engine.pool import JudgePool

LIMIT_S = 0.25
LOOP = "    while True:\n        pass\n"
RIGHT = "    return a + b\n"
HEADER = "def add(a, b):\n"


def tasks() -> dict[str, Task]:
    calls = CallTests(
        entry_point="add",
        cases=tuple(CallCase((number, 1), None) for number in range(3)),
        from_reference=ReferenceOutputs(minimum_s=LIMIT_S),
    )
    asserts = AssertTests(code="assert add(1, 2) == 3\n", entry_points=("add",))
    return {
        task_id: Task(
            task_id,
            "latency",
            HEADER,
            tests,
            HEADER + RIGHT,
            entry_point="add",
            completion_prefix=HEADER,
        )
        for task_id, tests in (("calls", calls), ("asserts", asserts))
    }


async def timed(pool: JudgePool, task_id: str, body: str, limits: Limits) -> tuple[float, Verdict]:
    started = time.perf_counter()
    verdict = await pool.judge(task_id, Program("python", HEADER + body), limits)
    return time.perf_counter() - started, verdict


async def measure(pool: JudgePool, repeats: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {}
    for task_id in ("calls", "asserts"):
        limits = Limits.for_cpu(10.0 if task_id == "calls" else LIMIT_S)
        await timed(pool, task_id, RIGHT, limits)  # expected results, warm caches
        for _ in range(repeats):
            right, _ = await timed(pool, task_id, RIGHT, limits)
            looping, verdict = await timed(pool, task_id, LOOP, limits)
            after, _ = await timed(pool, task_id, RIGHT, limits)
            assert verdict.status is Status.TIMEOUT, verdict
            # Call limits are wall time (as EvalPlus's), sample budgets CPU time.
            found.setdefault(f"{task_id}: wall past the limit", []).append(looping - LIMIT_S)
            found.setdefault(f"{task_id}: CPU past the limit", []).append(verdict.cpu_s - LIMIT_S)
            found.setdefault(f"{task_id}: wall around the loop", []).append(
                looping - verdict.wall_s
            )
            found.setdefault(f"{task_id}: next sample slower by", []).append(after - right)
            found.setdefault(f"{task_id}: right sample", []).append(right)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sandbox", default="namespace")
    args = parser.parse_args()
    pool = JudgePool(tasks(), args.sandbox, 1)
    try:
        found = asyncio.run(measure(pool, args.repeats))
    finally:
        pool.close()
    for name, values in found.items():
        print(
            f"{name:<36} median {1000 * statistics.median(values):8.1f} ms "
            f"(min {1000 * min(values):.1f}, max {1000 * max(values):.1f})"
        )


if __name__ == "__main__":
    main()
