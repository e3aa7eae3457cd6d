"""The benchmark registry: adapters register themselves; lists of benchmarks derive from here."""

from __future__ import annotations

from execbench.core.registry import Registry
from execbench.tasks.base import Benchmark

BENCHMARKS: Registry[str, type[Benchmark]] = Registry(
    "benchmark",
    "execbench.benchmarks",
    packages=("execbench.tasks",),
    normalize=lambda name: name.strip().lower().replace("_", "-"),
)


def register_benchmark(cls: type[Benchmark]) -> type[Benchmark]:
    """Class decorator: make an adapter available under its `name`."""
    return BENCHMARKS.register(cls.name, cls)


def all_benchmarks() -> dict[str, type[Benchmark]]:
    return dict(sorted(BENCHMARKS.items()))


def get_benchmark(name: str) -> Benchmark:
    return BENCHMARKS.get(name)()
