"""Figures computed from verdicts."""

from execbench.metrics.pass_at_k import PassAtK, aggregate_pass_at_k, pass_at_k

__all__ = ["PassAtK", "aggregate_pass_at_k", "pass_at_k"]
