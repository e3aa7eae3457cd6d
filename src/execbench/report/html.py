"""A small static HTML report (no scripts, no external assets)."""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Environment, PackageLoader, select_autoescape

from execbench.metrics import per_task_counts
from execbench.store import ResultLine, Summary

_ENVIRONMENT = Environment(
    loader=PackageLoader("execbench.report", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(summary: Summary, results: Sequence[ResultLine]) -> str:
    counts = per_task_counts(results)
    failures: dict[str, list[ResultLine]] = {}
    for line in results:
        if not line.passed:
            failures.setdefault(line.task_id, []).append(line)
    tasks = [
        {"task_id": task_id, "n": n, "c": c, "failures": failures.get(task_id, [])}
        for task_id, (n, c) in counts.items()
    ]
    return _ENVIRONMENT.get_template("report.html.j2").render(summary=summary, tasks=tasks)
