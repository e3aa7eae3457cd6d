"""How two runs' efficiency differs, task by task: ENAMEL's score (eff@1) and EffiBench's cost
ratios (NET, NMU, NTMU), from the measures stored with each run's verdicts.

Per figure, each task's mean over its samples (ENAMEL: every sample, 0 for a failed one;
costs: the passing samples measured), over the tasks both runs have it for; the difference of
the means (B - A) with a paired bootstrap interval over tasks. A figure neither run measured is
left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from execbench.metrics.paired import paired_delta_ci95
from execbench.store import RunStore

# figure -> (measure, field)
FIGURES = {
    "eff": ("enamel", "eff"),
    "net": ("cost", "net"),
    "nmu": ("cost", "nmu"),
    "ntmu": ("cost", "ntmu"),
}


def task_means(run: Path, task_ids: set[str]) -> dict[str, dict[str, float]]:
    """figure -> task -> the mean of the task's measured samples."""
    with RunStore.existing(run) as store:
        measures = store.measures()
    values: dict[str, dict[str, list[float]]] = {figure: {} for figure in FIGURES}
    for (task_id, _), measured in measures.items():
        if task_id not in task_ids:
            continue
        for figure, (measure, field) in FIGURES.items():
            value = measured.get(measure, {}).get(field)
            if value is not None:
                values[figure].setdefault(task_id, []).append(float(value))
    return {
        figure: {task: float(np.mean(samples)) for task, samples in tasks.items()}
        for figure, tasks in values.items()
    }


def compare_efficiency(path_a: Path, path_b: Path, task_ids: list[str]) -> dict[str, Any]:
    wanted = set(task_ids)
    a, b = task_means(path_a, wanted), task_means(path_b, wanted)
    figures: dict[str, Any] = {}
    for figure in FIGURES:
        common = [task for task in task_ids if task in a[figure] and task in b[figure]]
        if not common:
            continue
        values_a = np.array([a[figure][task] for task in common])
        values_b = np.array([b[figure][task] for task in common])
        figures[figure] = {
            "tasks": len(common),
            "a": round(float(values_a.mean()), 6),
            "b": round(float(values_b.mean()), 6),
            "delta": round(float(values_b.mean() - values_a.mean()), 6),
            "ci95": paired_delta_ci95(values_a, values_b),
        }
    return figures
