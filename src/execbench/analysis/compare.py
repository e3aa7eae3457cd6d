"""`execbench compare`: two runs of one benchmark, task by task, from their stored verdicts."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from execbench.analysis.efficiency_compare import compare_efficiency
from execbench.analysis.runs import StoredRun, load_run, shared_tasks
from execbench.metrics.paired import mcnemar_exact, paired_delta_ci95, paired_permutation


@dataclass(frozen=True)
class TaskComparison:
    task_id: str
    a_pass_rate: float
    b_pass_rate: float
    a_failure: str | None  # the task's most common failure kind, None when every sample passed
    b_failure: str | None


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    benchmark: str
    model_a: str
    model_b: str
    n_tasks: int
    pass_at_1_a: float
    pass_at_1_b: float
    delta_pass_at_1: float  # b - a
    ci95: tuple[float, float]
    p_value: float
    test: str
    a_only: list[str]  # tasks some sample of A solved and no sample of B did
    b_only: list[str]
    failure_kinds: dict[str, dict[str, int]]  # kind -> {"a": samples, "b": samples}, changed only
    tasks: list[TaskComparison]
    note: str = field(default="")
    # figure -> means, difference and interval (analysis/efficiency_compare.py); {} when unmeasured
    efficiency: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def compare_runs(path_a: Path, path_b: Path, common_tasks: bool = False) -> Comparison:
    run_a, run_b = load_run(path_a), load_run(path_b)
    chosen = shared_tasks([run_a, run_b], common_tasks)
    task_ids = chosen.task_ids
    rates_a, rates_b = run_a.pass_rates(task_ids), run_b.pass_rates(task_ids)
    solved_a, solved_b = rates_a > 0, rates_b > 0
    a_only = [t for t, a, b in zip(task_ids, solved_a, solved_b, strict=True) if a and not b]
    b_only = [t for t, a, b in zip(task_ids, solved_a, solved_b, strict=True) if b and not a]
    if run_a.single_sample and run_b.single_sample:
        p_value, test = mcnemar_exact(len(a_only), len(b_only)), "mcnemar-exact"
    else:
        p_value, test = paired_permutation(rates_b - rates_a), "paired-permutation"
    failures_a, failures_b = _task_failures(run_a, task_ids), _task_failures(run_b, task_ids)
    return Comparison(
        a=str(path_a),
        b=str(path_b),
        benchmark=run_a.identity.benchmark,
        model_a=run_a.summary.model,
        model_b=run_b.summary.model,
        n_tasks=len(task_ids),
        pass_at_1_a=_rounded(rates_a.mean()),
        pass_at_1_b=_rounded(rates_b.mean()),
        delta_pass_at_1=_rounded(rates_b.mean() - rates_a.mean()),
        ci95=paired_delta_ci95(rates_a, rates_b),
        p_value=_rounded(p_value),
        test=test,
        a_only=a_only,
        b_only=b_only,
        failure_kinds=_changed_kinds(run_a, run_b, set(task_ids)),
        tasks=[
            TaskComparison(t, _rounded(a), _rounded(b), failures_a[t], failures_b[t])
            for t, a, b in zip(task_ids, rates_a, rates_b, strict=True)
        ],
        note=chosen.note,
        efficiency=compare_efficiency(path_a, path_b, task_ids),
    )


def _rounded(value: float) -> float:
    return round(float(value), 6)


def _task_failures(run: StoredRun, task_ids: list[str]) -> dict[str, str | None]:
    kinds: dict[str, Counter[str]] = {task_id: Counter() for task_id in task_ids}
    for line in run.results:
        if line.failure_kind and line.task_id in kinds:
            kinds[line.task_id][line.failure_kind] += 1
    return {
        task_id: min(counts, key=lambda kind: (-counts[kind], kind)) if counts else None
        for task_id, counts in kinds.items()
    }


def _changed_kinds(
    run_a: StoredRun, run_b: StoredRun, tasks: set[str]
) -> dict[str, dict[str, int]]:
    def count(run: StoredRun) -> Counter[str]:
        return Counter(
            line.failure_kind for line in run.results if line.failure_kind and line.task_id in tasks
        )

    a, b = count(run_a), count(run_b)
    return {kind: {"a": a[kind], "b": b[kind]} for kind in sorted(a | b) if a[kind] != b[kind]}
