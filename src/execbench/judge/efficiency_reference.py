"""A task's generated inputs and its reference's answers, times and line counts, made once.

Inputs and answers depend only on the data and Python: they are cached under a hash of what they
derive from. The reference's times depend on the machine too: they are cached per machine
(core/machine.py) and sandbox backend, like the references' CPU times that scale time limits, so
a later run on this machine measures every sample against the very same reference times. The
inputs come from the benchmark's generator run in the sandbox (data is downloaded: trusted to
be right, not to be harmless), seeded per input as ENAMEL seeds it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from execbench.core import EfficiencyTests, Limits, Task
from execbench.core.machine import machine_identity
from execbench.judge.efficiency_cache import cached_json, default_cache_dir
from execbench.judge.efficiency_run import RUNNER_DIGEST, RunnerReport, run_runner
from execbench.judge.efficiency_score import hodges_lehmann
from execbench.judge.task_memo import TaskMemo
from execbench.sandbox import Sandbox

CACHE_FORMAT = 1
# The reference is trusted to finish: it gets room, not a limit per call.
REFERENCE_CPU_S = 1800.0


class ReferenceFailed(Exception):
    """The generator or the reference did not run through: the task cannot be scored."""


@dataclass(frozen=True)
class ReferenceProfile:
    """Per level, per input: the encoded arguments, the reference's encoded answer, its time
    (Hodges-Lehmann over the repeats, CPU seconds) and, on weighted levels, its line count."""

    inputs: list[list[Any]]
    answers: list[list[Any]]
    seconds: list[list[float]]
    lines: list[list[int]] | None

    def slowest(self, tests: EfficiencyTests) -> list[float]:
        """The reference's time on each level (its slowest input), 0 on unweighted levels."""
        return _slowest(self.seconds, tests)

    def slowest_lines(self, tests: EfficiencyTests) -> list[float] | None:
        return None if self.lines is None else _slowest(self.lines, tests)


def _slowest(values: list[list[Any]], tests: EfficiencyTests) -> list[float]:
    return [
        float(max(level)) if spec.weight and level else 0.0
        for level, spec in zip(values, tests.levels, strict=True)
    ]


_profiles: TaskMemo[ReferenceProfile] = TaskMemo()


def reference_profile(
    task: Task, sandbox: Sandbox, limits: Limits, cache_dir: Path | None = None
) -> ReferenceProfile:
    tests = task.tests
    assert isinstance(tests, EfficiencyTests)
    directory = cache_dir or default_cache_dir()
    return _profiles.get(task, lambda: _profile(task, tests, sandbox, limits, directory))


def _profile(
    task: Task, tests: EfficiencyTests, sandbox: Sandbox, limits: Limits, directory: Path
) -> ReferenceProfile:
    roomy = limits.with_cpu(max(limits.cpu_s, REFERENCE_CPU_S))
    data_key = _digest(
        [
            CACHE_FORMAT,
            sys.version,
            tests.helpers,
            tests.prelude,
            tests.generator,
            [[lv.size, lv.count] for lv in tests.levels],
            tests.seed,
            tests.problem_index,
        ]
    )
    inputs = cached_json(
        directory, f"inputs-{data_key}", lambda: generate_inputs(tests, sandbox, roomy)
    )
    answer_key = _digest(
        [data_key, RUNNER_DIGEST, task.reference, tests.entry_point, tests.count_lines]
    )
    measured: dict[str, Any] = {}

    def measure() -> dict[str, Any]:
        if not measured:
            measured.update(_measure(task, tests, sandbox, roomy, inputs))
        return measured

    answers = cached_json(
        directory,
        f"answers-{answer_key}",
        lambda: {"answers": measure()["answers"], "lines": measure()["lines"]},
    )
    machine_key = _digest([answer_key, list(machine_identity()), sandbox.name])
    seconds = cached_json(directory, f"times-{machine_key}", lambda: measure()["seconds"])
    return ReferenceProfile(inputs, answers["answers"], seconds, answers["lines"])


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()


def generate_inputs(tests: EfficiencyTests, sandbox: Sandbox, limits: Limits) -> list[list[Any]]:
    """Every level's inputs, seeded as ENAMEL seeds them: the problem's index, XOR the seed,
    XOR the input's position among all the problem's inputs."""
    plan, position = [], 0
    for level, spec in enumerate(tests.levels):
        for case in range(spec.count):
            seed = tests.seed ^ tests.problem_index ^ (position + case)
            plan.append([spec.size, level, case, seed])
        position += spec.count
    source = f"{tests.helpers}\n{tests.prelude}\n{tests.generator}"
    report = run_runner(sandbox, limits, source, {"mode": "generate", "plan": plan})
    if not report.done:
        raise ReferenceFailed(f"the input generator failed: {_failure(report)}")
    encoded = [event[1] for event in report.events]
    levels, start = [], 0
    for spec in tests.levels:
        levels.append(encoded[start : start + spec.count])
        start += spec.count
    return levels


def _measure(
    task: Task, tests: EfficiencyTests, sandbox: Sandbox, limits: Limits, inputs: list[list[Any]]
) -> dict[str, Any]:
    source = f"{tests.prelude}\n{task.reference}"
    repeats = [tests.repeats if spec.weight else 1 for spec in tests.levels]
    settings = {"mode": "time", "entry_point": tests.entry_point, "repeats": repeats}
    report = run_runner(sandbox, limits, source, {**settings, "limit_s": None}, inputs)
    if not _all(report, "ok"):
        raise ReferenceFailed(f"the reference failed: {_failure(report)}")
    answers = [[None] * len(level) for level in inputs]
    times: list[list[list[float]]] = [[[] for _ in level] for level in inputs]
    for _, level, case, _, seconds, output in report.events:
        times[level][case].append(seconds)
        if output is not None:
            answers[level][case] = output  # ENAMEL keeps the last run's output
    lines = _count(tests, sandbox, limits, source, inputs) if tests.count_lines else None
    seconds = [[hodges_lehmann(runs) for runs in level] for level in times]
    return {"answers": answers, "seconds": seconds, "lines": lines}


def _count(
    tests: EfficiencyTests, sandbox: Sandbox, limits: Limits, source: str, inputs: list[list[Any]]
) -> list[list[int]]:
    weighted = [
        level if spec.weight else [] for level, spec in zip(inputs, tests.levels, strict=True)
    ]
    settings = {"mode": "count", "entry_point": tests.entry_point, "cap": None, "limit_s": None}
    report = run_runner(sandbox, limits, source, settings, weighted)
    if not _all(report, "lines"):
        raise ReferenceFailed(f"counting the reference's lines failed: {_failure(report)}")
    lines: list[list[int]] = [[0] * len(level) for level in weighted]
    for _, level, case, count in report.events:
        lines[level][case] = count
    return lines


def _all(report: RunnerReport, kind: str) -> bool:
    return report.done and all(event[0] == kind for event in report.events)


def _failure(report: RunnerReport) -> str:
    if report.events and report.events[-1][0] not in ("ok", "lines", "input"):
        return " ".join(str(part) for part in report.events[-1])[:300]
    execution = report.execution
    tail = (execution.stderr.strip().splitlines() or [""])[-1][:300]
    return (
        execution.sandbox_error
        or f"{execution.limit_hit} limit, exit {execution.exit_code}: {tail}"
    )
