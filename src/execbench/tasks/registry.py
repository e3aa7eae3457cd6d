"""The benchmark registry: adapters register themselves; lists of benchmarks derive from here."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points

from execbench.core import UserError
from execbench.tasks.base import Benchmark

_REGISTRY: dict[str, type[Benchmark]] = {}
_DISCOVERED: list[bool] = []  # non-empty once every adapter module has been imported
_ENTRY_POINT_GROUP = "execbench.benchmarks"


def register_benchmark(cls: type[Benchmark]) -> type[Benchmark]:
    """Class decorator: make an adapter available under its `name`."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"benchmark {cls.name!r} registered twice")
    _REGISTRY[cls.name] = cls
    return cls


def _discover() -> None:
    # Adapters register on import: every module in this package, then third-party plug-ins.
    import execbench.tasks as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    for entry in entry_points(group=_ENTRY_POINT_GROUP):
        entry.load()


def all_benchmarks() -> dict[str, type[Benchmark]]:
    # Not "if the registry is empty": importing one adapter directly registers it alone.
    if not _DISCOVERED:
        _discover()
        _DISCOVERED.append(True)
    return dict(sorted(_REGISTRY.items()))


def get_benchmark(name: str) -> Benchmark:
    benchmarks = all_benchmarks()
    key = name.strip().lower().replace("_", "-")
    if key not in benchmarks:
        known = ", ".join(benchmarks)
        raise UserError(f"unknown benchmark {name!r}; available: {known}")
    return benchmarks[key]()
