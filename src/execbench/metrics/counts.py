"""Counting a run's verdicts: per task, per status, per failure kind, per finer-grained part."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from execbench.core import Status
from execbench.metrics.base import RunResults, register_metric
from execbench.store import PartRate, ResultLine


def per_task_counts(results: Sequence[ResultLine]) -> dict[str, tuple[int, int]]:
    """task_id -> (samples, passed), in the order tasks first appear."""
    counts: dict[str, tuple[int, int]] = {}
    for line in results:
        n, c = counts.get(line.task_id, (0, 0))
        counts[line.task_id] = (n + 1, c + int(line.passed))
    return counts


def _counted(values: Iterable[str | None]) -> dict[str, int]:
    """value -> count, most common first (ties by name), Nones left out."""
    counts = Counter(value for value in values if value is not None)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@register_metric("status_counts")
def status_counts(run: RunResults) -> Mapping[str, Any]:
    statuses = Counter(line.status for line in run.lines)
    return {"status_counts": {str(s): statuses[str(s)] for s in Status if statuses[str(s)]}}


@register_metric("failure_kinds")
def failure_kinds(run: RunResults) -> Mapping[str, Any]:
    return {"failure_kinds": _counted(line.failure_kind for line in run.lines)}


@register_metric("native_status_counts")
def native_status_counts(run: RunResults) -> Mapping[str, Any]:
    return {"native_status_counts": _counted(line.native_status for line in run.lines)}


@register_metric("part_pass_rates")
def part_pass_rates(run: RunResults) -> Mapping[str, Any]:
    """Each finer-grained count (ClassEval's methods) summed over every sample."""
    sums: dict[str, tuple[int, int]] = {}
    for line in run.lines:
        for name, (passed, total) in line.parts.items():
            before = sums.get(name, (0, 0))
            sums[name] = (before[0] + passed, before[1] + total)
    rates = {
        name: PartRate(passed=passed, total=total, rate=passed / total if total else 0.0)
        for name, (passed, total) in sorted(sums.items())
    }
    return {"part_pass_rates": rates}
