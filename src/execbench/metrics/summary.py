"""summary.json: every registered metric over the judged results, with the run's facts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from execbench import __version__
from execbench.core import Limits
from execbench.core.subset import TaskSubset
from execbench.metrics.base import RunResults, registered_metrics
from execbench.metrics.counts import per_task_counts
from execbench.models.stream import GenerationTotals
from execbench.store import GenerationSummary, ResultLine, Summary


def build_summary(
    *,
    benchmark: str,
    model: str,
    results: Sequence[ResultLine],
    language: str | None = None,
    samples_sha256: str | None = None,
    ks: Sequence[int] | None,
    sandbox: str,
    limits: Limits,
    resumed: int,
    elapsed_s: float,
    generation: GenerationTotals | None = None,
    task_ids: Sequence[str] = (),
    measures: Mapping[tuple[str, int], Mapping[str, Any]] | None = None,
    groupings: Mapping[str, Mapping[str, str]] | None = None,
    subset: TaskSubset | None = None,
    time_policy: str | None = None,
) -> Summary:
    """`task_ids`: every task the run was for, those without a sample named as such.
    `groupings`: grouping -> task_id -> group (difficulty, month), for the metrics that group."""
    counts = per_task_counts(results)
    sizes = [n for n, _ in counts.values()] or [0]
    run = RunResults(results, tuple(ks or ()), measures or {}, groupings or {})
    fields: dict[str, Any] = {}
    for metric in registered_metrics().values():
        fields.update(metric(run))
    return Summary(
        execbench_version=__version__,
        benchmark=benchmark,
        model=model,
        language=language,
        samples_sha256=samples_sha256,
        n_tasks=len(counts),
        n_samples=len(results),
        tasks_without_samples=[task_id for task_id in task_ids if task_id not in counts],
        samples_per_task={"min": min(sizes), "max": max(sizes)},
        sandbox=sandbox,
        limits=asdict(limits),
        time_policy=time_policy,
        resumed_samples=resumed,
        elapsed_s=round(elapsed_s, 3),
        subset=subset,
        generation=generation_summary(generation) if generation else None,
        **fields,
    )


def generation_summary(totals: GenerationTotals) -> GenerationSummary:
    samples = totals.generated + totals.cached
    return GenerationSummary(
        generated=totals.generated,
        cached=totals.cached,
        failed_tasks=dict(totals.failures),
        prompt_tokens=totals.prompt_tokens,
        completion_tokens=totals.completion_tokens,
        cost_usd=None if totals.cost_usd is None else round(totals.cost_usd, 6),
        mean_latency_s=round(totals.latency_s_sum / samples, 3) if samples else 0.0,
    )
