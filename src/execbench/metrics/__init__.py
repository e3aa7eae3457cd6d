"""Figures computed from verdicts. Each metric is a module that registers itself on import
(metrics/base.py); importing this package registers the built-in ones. build_summary, which
runs them all, is in metrics/summary.py."""

from execbench.metrics.base import Metric, RunResults, register_metric, registered_metrics
from execbench.metrics.counts import per_task_counts
from execbench.metrics.pass_at_k import PassAtK, aggregate_pass_at_k, default_ks, pass_at_k

__all__ = [
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
