"""The terminal view of a summary (rich).

Text that is not ours (model names, reasons) goes in as `Text`, so that a console with markup on
still prints its brackets rather than taking them for styles.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from execbench.report.beyond import beyond_sections, print_sections
from execbench.store import Summary


def print_summary(summary: Summary, console: Console) -> None:
    title = Text(f"{summary.benchmark} · {summary.model}")
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_row("tasks", str(summary.n_tasks))
    if summary.tasks_without_samples:
        missing = len(summary.tasks_without_samples)
        table.add_row(Text("no samples", "yellow"), f"{missing} more tasks, not in pass@k")
    table.add_row("samples", str(summary.n_samples))
    strategy = summary.strategy
    if strategy is not None:
        settings = ", ".join(f"{name} {value}" for name, value in strategy.settings.items())
        table.add_row("strategy", f"{strategy.name} ({settings}), {strategy.model_calls} calls")
    for k, value in summary.pass_at_k.items():
        interval = summary.pass_at_k_ci95.get(k)
        spread = f" [{interval[0]:.4f}, {interval[1]:.4f}]" if interval else ""
        table.add_row(f"pass@{k}", f"{value:.4f}{spread}")
    for k, value in (strategy.pass_at_k_unranked or {}).items() if strategy else ():
        table.add_row(f"pass@{k} unranked", f"{value:.4f}")
    for k, why in summary.pass_at_k_unavailable.items():
        table.add_row(f"pass@{k}", Text.assemble(("unavailable", "yellow"), f": {why}"))
    for grouping, groups in summary.pass_at_1_by.items():
        for label, group in groups.items():
            tasks = f"{group.n_tasks} task" + ("s" if group.n_tasks != 1 else "")
            table.add_row(Text(f"pass@1 {grouping} {label}"), f"{group.pass_at_1:.4f} ({tasks})")
    for name, part in summary.part_pass_rates.items():
        table.add_row(Text(f"{name} passed"), f"{part.passed}/{part.total} ({part.rate:.4f})")
    for status, count in summary.status_counts.items():
        table.add_row(f"  {status}", str(count))
    for kind, count in summary.failure_kinds.items():
        table.add_row(Text(f"  failure: {kind}"), str(count))
    if summary.resumed_samples:
        table.add_row("resumed", f"{summary.resumed_samples} verdicts from an earlier run")
    table.add_row("elapsed", f"{summary.elapsed_s:.1f} s")
    console.print(table)
    print_sections(beyond_sections(summary), console)
