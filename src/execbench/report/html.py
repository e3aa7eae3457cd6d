"""report.html: one self-contained page per run, charts inline, every failure one click away."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from execbench.metrics import per_task_counts
from execbench.report.beyond import beyond_sections
from execbench.report.pages import render_page
from execbench.store import ResultLine, Summary


@dataclass
class FailureGroup:
    """Failing samples of one task that ended the same way (low temperature repeats itself)."""

    status: str
    kind: str
    detail: str
    samples: list[int] = field(default_factory=list)


@dataclass
class TaskRow:
    task_id: str
    n: int
    c: int
    kind: str  # the most common failure kind, "" when every sample passed
    failures: list[FailureGroup]

    @property
    def rate(self) -> float:
        return self.c / self.n


def task_rows(results: Sequence[ResultLine]) -> list[TaskRow]:
    groups: dict[str, dict[tuple[str, str, str], FailureGroup]] = {}
    for line in results:
        if not line.passed:
            key = (line.status, line.failure_kind or "", line.detail)
            task = groups.setdefault(line.task_id, {})
            task.setdefault(key, FailureGroup(*key)).samples.append(line.sample_index)
    rows = []
    for task_id, (n, c) in per_task_counts(results).items():
        failures = list(groups.get(task_id, {}).values())
        kinds = Counter({group.kind: len(group.samples) for group in failures})
        kind = min(kinds, key=lambda k: (-kinds[k], k)) if kinds else ""
        rows.append(TaskRow(task_id, n, c, kind, failures))
    return rows


def render_html(summary: Summary, results: Sequence[ResultLine]) -> str:
    rows = task_rows(results)
    ks = list(summary.pass_at_k)
    data = {
        "pass_at_k": {
            "labels": [f"pass@{k}" for k in ks],
            "values": [summary.pass_at_k[k] for k in ks],
            "intervals": [summary.pass_at_k_ci95.get(k) for k in ks],
        },
        "status_counts": summary.status_counts,
        "failure_kinds": summary.failure_kinds,
        "strip": {
            "row": "pass rate",
            "tasks": [row.task_id for row in rows],
            "rates": [round(row.rate, 4) for row in rows],
        },
    }
    sections = beyond_sections(summary)
    return render_page("report.html.j2", data, summary=summary, tasks=rows, sections=sections)
