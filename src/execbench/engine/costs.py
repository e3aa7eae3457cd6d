"""EffiBench-style costs (Huang et al., NeurIPS 2024): each passing sample's CPU time, peak
memory and memory x time, over its reference solution's.

After a run is judged, each passing program is judged again `repeats` times, one at a time (no
other judging alongside to disturb the timing), through a sandbox that notes every execution's
use (measuring_sandbox.py); the medians are its costs, and how far the repeated CPU times spread
is kept beside them. The task's reference is measured the same way, once per machine: its costs
are kept in the user's cache like the references' times (keyed by the machine, the sandbox, the
limits and the task). The ratios are EffiBench's per-sample NET, NMU and NTMU
(metrics/efficiency.py averages them). A program that does not pass again while measured is left
unmeasured, with the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from statistics import median
from typing import Any

from execbench.core import Limits, Program, Task
from execbench.core.machine import machine_identity
from execbench.engine.measuring_sandbox import MeasuringSandbox, Usage
from execbench.judge.efficiency_cache import cached_json, default_cache_dir
from execbench.judge.registry import JUDGES
from execbench.sandbox import Sandbox, make_sandbox
from execbench.sandbox.runtime import PythonRuntime
from execbench.store import RunStore

CACHE_FORMAT = 1
MEASURE = "cost"


def measure_costs(
    store: RunStore,
    tasks: Mapping[str, Task],
    keys: Sequence[tuple[str, int]],
    sandbox_name: str,
    limits: Limits,
    repeats: int,
    runtime: PythonRuntime | None = None,
) -> int:
    """Measure every passing sample of `keys` not measured yet; returns how many were.
    `runtime`: the benchmark's environment, which the samples were judged in."""
    measured = store.measures()
    groups: dict[tuple[str, str], list[tuple[str, int]]] = {}
    programs: dict[tuple[str, str], str] = {}
    for key, stored in zip(keys, store.stored_samples(keys), strict=True):
        if stored.result.passed and MEASURE not in measured.get(key, {}):
            group = (key[0], stored.result.program_sha256)
            groups.setdefault(group, []).append(key)
            programs[group] = stored.program
    if not groups:
        return 0
    sandbox = make_sandbox(sandbox_name, runtime)
    try:
        for (task_id, sha), members in groups.items():
            task = tasks[task_id]
            costs = _costs(task, programs[(task_id, sha)], sandbox, limits, repeats)
            for key in members:
                store.add_measures(key, {MEASURE: costs})
    finally:
        sandbox.close()
    return sum(len(members) for members in groups.values())


def _costs(
    task: Task, source: str, sandbox: Sandbox, limits: Limits, repeats: int
) -> dict[str, Any]:
    sample = measure_program(task, Program(task.language, source), sandbox, limits, repeats)
    if "unmeasured" in sample:
        return sample
    reference = reference_costs(task, sandbox, limits, repeats)
    if "unmeasured" in reference:
        return {"unmeasured": f"the reference: {reference['unmeasured']}"}
    ratios = {
        "net": sample["cpu_s"] / reference["cpu_s"] if reference["cpu_s"] > 0 else None,
        "nmu": sample["peak_mb"] / reference["peak_mb"] if reference["peak_mb"] > 0 else None,
        "ntmu": sample["mb_s"] / reference["mb_s"] if reference["mb_s"] > 0 else None,
    }
    rounded = {name: None if value is None else round(value, 6) for name, value in ratios.items()}
    return {**sample, **rounded, "reference": reference}


def reference_costs(task: Task, sandbox: Sandbox, limits: Limits, repeats: int) -> dict[str, Any]:
    """The reference's costs on this machine, measured once and kept."""
    identity = [CACHE_FORMAT, list(machine_identity()), sandbox.name, asdict(limits)]
    if sandbox.runtime is not None:  # (kept out otherwise: costs measured before stay valid)
        identity.append(sandbox.runtime.identity)
    key = hashlib.sha256(json.dumps([*identity, repeats, repr(task)]).encode()).hexdigest()
    reference = Program(task.language, task.reference)

    def measure() -> dict[str, Any]:
        return measure_program(task, reference, sandbox, limits, repeats)

    return cached_json(default_cache_dir() / "costs", key, measure)


def measure_program(
    task: Task, program: Program, sandbox: Sandbox, limits: Limits, repeats: int
) -> dict[str, Any]:
    """Medians over `repeats` judgings of `program`, and the relative spread of its CPU times."""
    judge: Callable[..., Any] = JUDGES.get(type(task.tests))
    runs: list[Usage] = []
    for _ in range(repeats):
        measuring = MeasuringSandbox(sandbox)
        verdict = judge(task, program, measuring, limits)
        if not verdict.passed:
            return {"unmeasured": f"did not pass again ({verdict.status}: {verdict.detail[:200]})"}
        runs.append(measuring.usage)
    cpu = [run.cpu_s for run in runs]
    centre = median(cpu)
    return {
        "cpu_s": round(centre, 6),
        "peak_mb": round(median(run.peak_mb for run in runs), 3),
        "mb_s": round(median(run.mb_s for run in runs), 6),
        "cpu_spread": round((max(cpu) - min(cpu)) / centre, 4) if centre > 0 else 0.0,
        "repeats": repeats,
    }
