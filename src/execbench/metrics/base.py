"""What a metric is, and the registry a run's summary is built from.

A metric is a function from a run's judged samples to the summary.json fields it fills; it is
registered by name (`@register_metric("name")`), so a plug-in metric is one decorated function
in a module named by an `execbench.metrics` entry point.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from execbench.core.registry import Registry
from execbench.store import ResultLine


@dataclass(frozen=True)
class RunResults:
    """What a metric sees: a run's judged samples in task order, the ks asked for, what was
    measured besides the verdicts (efficiency) by (task_id, sample_index), and the groups its
    tasks fall in where they carry them (grouping -> task_id -> group: difficulty, month)."""

    lines: Sequence[ResultLine]
    ks: tuple[int, ...]
    measures: Mapping[tuple[str, int], Mapping[str, Any]] = field(default_factory=dict)
    groupings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


class Metric(Protocol):
    def __call__(self, run: RunResults) -> Mapping[str, Any]:
        """The summary.json fields this metric fills, by name."""
        ...


METRICS: Registry[str, Metric] = Registry(
    "metric",
    "execbench.metrics",
    modules=(
        "execbench.metrics.pass_at_k",
        "execbench.metrics.counts",
        "execbench.metrics.eff_at_k",
        "execbench.metrics.robustness",
        "execbench.metrics.efficiency",
        "execbench.metrics.breakdown",
        "execbench.metrics.test_generation",
    ),
)


def register_metric(name: str) -> Callable[[Metric], Metric]:
    return METRICS.register(name)


def registered_metrics() -> dict[str, Metric]:
    """Name -> metric, in the order they were registered."""
    return dict(METRICS.items())
