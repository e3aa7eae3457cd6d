"""Benchmark adapters (one module per family), their registry, and dataset sources."""

from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.registry import BENCHMARKS, all_benchmarks, get_benchmark, register_benchmark

__all__ = [
    "BENCHMARKS",
    "Benchmark",
    "LoadOptions",
    "all_benchmarks",
    "get_benchmark",
    "register_benchmark",
]
