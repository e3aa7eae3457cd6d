"""EffiBench's normalised costs over a run's passing samples (`--measure-efficiency`).

Per passing sample (engine/costs.py): NET = its CPU time over its reference's, NMU = its peak
memory over the reference's, NTMU = its memory x time over the reference's. EffiBench reports
each as the mean over problems (its `calculate_memory_usage.py`: one sample per problem), the
largest, and the share above 5; with several samples per task, each task's samples are averaged
first so that every task weighs the same. Beside them: the median and 90th percentile over
samples, a bootstrap interval of the mean over tasks, and how far repeated CPU times spread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from execbench.metrics.base import RunResults, register_metric
from execbench.metrics.bootstrap import bootstrap_means, interval

MEASURE = "cost"
RATIOS = ("net", "nmu", "ntmu")
FAR_OFF = 5.0  # EffiBench counts the samples more than 5 times the reference's cost


def ratio_summary(per_task: Mapping[str, list[float]]) -> dict[str, Any]:
    """The figures for one ratio, given each task's samples' values."""
    values = np.array([value for task in per_task.values() for value in task])
    means = np.array([np.mean(task) for task in per_task.values()])
    return {
        "mean": round(float(means.mean()), 4),
        "mean_ci95": interval(bootstrap_means(means)),
        "median": round(float(np.median(values)), 4),
        "p90": round(float(np.percentile(values, 90)), 4),
        "max": round(float(values.max()), 4),
        "share_over_5": round(float(np.mean(values > FAR_OFF)), 4),
    }


@register_metric("efficiency")
def efficiency_metric(run: RunResults) -> Mapping[str, Any]:
    measured = [
        (line.task_id, run.measures[(line.task_id, line.sample_index)][MEASURE])
        for line in run.lines
        if line.passed and MEASURE in run.measures.get((line.task_id, line.sample_index), {})
    ]
    if not measured:
        return {}
    costs = [(task_id, cost) for task_id, cost in measured if "unmeasured" not in cost]
    figures: dict[str, Any] = {"samples_measured": len(costs)}
    figures["samples_unmeasured"] = len(measured) - len(costs)
    for name in RATIOS:
        per_task: dict[str, list[float]] = {}
        for task_id, cost in costs:
            if cost.get(name) is not None:
                per_task.setdefault(task_id, []).append(float(cost[name]))
        if per_task:
            figures[name] = ratio_summary(per_task)
    spreads = [float(cost["cpu_spread"]) for _, cost in costs]
    if spreads:
        low, high = np.percentile(spreads, [50, 90])
        figures["cpu_spread"] = {"median": round(float(low), 4), "p90": round(float(high), 4)}
        figures["repeats"] = int(costs[0][1]["repeats"])
    return {"efficiency": figures}
