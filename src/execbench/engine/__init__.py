"""Scheduling samples over trusted worker processes; resume."""

from execbench.engine.pool import JudgePool
from execbench.engine.runner import RunCounts, VerdictCallback, evaluate_stream

__all__ = ["JudgePool", "RunCounts", "VerdictCallback", "evaluate_stream"]
