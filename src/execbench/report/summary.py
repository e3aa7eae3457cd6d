"""summary.json: pass@k and status counts computed from the judged results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from execbench import __version__
from execbench.core import Limits, Status
from execbench.metrics import aggregate_pass_at_k, pass_at_1_breakdowns
from execbench.models.stream import GenerationTotals
from execbench.store import GenerationSummary, GroupRate, PartRate, ResultLine, Summary

DEFAULT_KS = (1, 10, 100)


def per_task_counts(results: Sequence[ResultLine]) -> dict[str, tuple[int, int]]:
    """task_id -> (samples, passed), in the order tasks first appear."""
    counts: dict[str, tuple[int, int]] = {}
    for line in results:
        n, c = counts.get(line.task_id, (0, 0))
        counts[line.task_id] = (n + 1, c + int(line.passed))
    return counts


def part_pass_rates(results: Sequence[ResultLine]) -> dict[str, PartRate]:
    """Each finer-grained count (ClassEval's methods) summed over every sample."""
    sums: dict[str, tuple[int, int]] = {}
    for line in results:
        for name, (passed, total) in line.parts.items():
            before = sums.get(name, (0, 0))
            sums[name] = (before[0] + passed, before[1] + total)
    return {
        name: PartRate(passed=passed, total=total, rate=passed / total if total else 0.0)
        for name, (passed, total) in sorted(sums.items())
    }


def default_ks(results: Sequence[ResultLine]) -> tuple[int, ...]:
    """Without -k: the customary 1, 10 and 100, keeping those every task has samples for."""
    fewest = min((n for n, _ in per_task_counts(results).values()), default=1)
    return tuple(k for k in DEFAULT_KS if k <= fewest) or (1,)


def build_summary(
    *,
    benchmark: str,
    model: str,
    results: Sequence[ResultLine],
    ks: Sequence[int] | None,
    sandbox: str,
    limits: Limits,
    resumed: int,
    elapsed_s: float,
    generation: GenerationTotals | None = None,
    task_ids: Sequence[str] = (),
    groupings: Mapping[str, Mapping[str, str]] | None = None,
) -> Summary:
    """`task_ids`: every task the run was for, those without a sample named as such.
    `groupings`: name -> task_id -> group (difficulty, month), for pass@1 per group."""
    counts = per_task_counts(results)
    pass_k = aggregate_pass_at_k(list(counts.values()), ks or default_ks(results))
    statuses = Counter(line.status for line in results)
    sizes = [n for n, _ in counts.values()] or [0]
    return Summary(
        execbench_version=__version__,
        benchmark=benchmark,
        model=model,
        n_tasks=len(counts),
        n_samples=len(results),
        tasks_without_samples=[task_id for task_id in task_ids if task_id not in counts],
        samples_per_task={"min": min(sizes), "max": max(sizes)},
        pass_at_k=dict(pass_k.values),
        pass_at_k_unavailable=dict(pass_k.unavailable),
        status_counts={str(s): statuses[str(s)] for s in Status if statuses[str(s)]},
        part_pass_rates=part_pass_rates(results),
        pass_at_1_by={
            name: {
                label: GroupRate(n_tasks=g.n_tasks, pass_at_1=g.pass_at_1)
                for label, g in groups.items()
            }
            for name, groups in pass_at_1_breakdowns(counts, groupings or {}).items()
        },
        sandbox=sandbox,
        limits=asdict(limits),
        resumed_samples=resumed,
        elapsed_s=round(elapsed_s, 3),
        generation=generation_summary(generation) if generation else None,
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
