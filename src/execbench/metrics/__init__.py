"""Figures computed from verdicts."""

from execbench.metrics.breakdown import GroupPassRate, pass_at_1_breakdowns, pass_at_1_by_group
from execbench.metrics.pass_at_k import PassAtK, aggregate_pass_at_k, pass_at_k

__all__ = [
    "GroupPassRate",
    "PassAtK",
    "aggregate_pass_at_k",
    "pass_at_1_breakdowns",
    "pass_at_1_by_group",
    "pass_at_k",
]
