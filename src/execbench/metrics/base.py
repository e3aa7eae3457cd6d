"""What a metric is, and the metrics a run's summary is built from.

A metric is a function from a run's judged samples to the summary.json fields it fills; it is
registered by name, so a plug-in metric is one decorated function. Fields a built-in metric
fills are typed on `Summary`; a plug-in's own fields are kept beside them as they come.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from execbench.store import ResultLine


@dataclass(frozen=True)
class RunResults:
    """What a metric sees: a run's judged samples in task order, and the ks asked for."""

    lines: Sequence[ResultLine]
    ks: tuple[int, ...]


class Metric(Protocol):
    def __call__(self, run: RunResults) -> Mapping[str, Any]:
        """The summary.json fields this metric fills, by name."""
        ...


_METRICS: dict[str, Metric] = {}


def register_metric(name: str) -> Callable[[Metric], Metric]:
    def decorate(metric: Metric) -> Metric:
        _METRICS[name] = metric
        return metric

    return decorate


def registered_metrics() -> dict[str, Metric]:
    """Name -> metric, in the order they were registered."""
    return dict(_METRICS)
