"""Figures computed from verdicts. Each metric registers itself in METRICS (metrics/base.py);
the summary runs every registered one."""

from execbench.metrics.base import (
    METRICS,
    Metric,
    RunResults,
    register_metric,
    registered_metrics,
)
from execbench.metrics.pass_at_k import (
    PassAtK,
    aggregate_pass_at_k,
    default_ks,
    pass_at_k,
    per_task_counts,
)

__all__ = [
    "METRICS",
    "Metric",
    "PassAtK",
    "RunResults",
    "aggregate_pass_at_k",
    "default_ks",
    "pass_at_k",
    "per_task_counts",
    "register_metric",
    "registered_metrics",
]
