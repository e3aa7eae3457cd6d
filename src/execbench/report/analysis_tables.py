"""Terminal views of the analysis commands (rich). Text from runs is printed literally."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from execbench.analysis.compare import Comparison
from execbench.analysis.leaderboard import Leaderboard
from execbench.analysis.show import SampleView

_LISTED = 20


def _interval(low: float, high: float, digits: int = 4) -> str:
    return f"[{low:.{digits}f}, {high:.{digits}f}]"


def _listed(task_ids: list[str]) -> Text:
    shown = ", ".join(task_ids[:_LISTED])
    more = f" … and {len(task_ids) - _LISTED} more" if len(task_ids) > _LISTED else ""
    return Text(f"{len(task_ids)}: {shown}{more}" if task_ids else "0")


_EFFICIENCY_LABELS = {
    "eff": "eff@1 (ENAMEL)",
    "net": "NET (CPU time / reference's)",
    "nmu": "NMU (peak memory / reference's)",
    "ntmu": "NTMU (memory x time / reference's)",
}


def print_comparison(comparison: Comparison, console: Console) -> None:
    table = Table(title=Text(f"{comparison.benchmark}: A vs B"), title_justify="left")
    table.add_column("")
    table.add_column("value", justify="right")
    table.add_row("A", Text(f"{comparison.model_a} ({comparison.a})"))
    table.add_row("B", Text(f"{comparison.model_b} ({comparison.b})"))
    table.add_row("tasks", str(comparison.n_tasks))
    table.add_row("pass@1 A", f"{comparison.pass_at_1_a:.4f}")
    table.add_row("pass@1 B", f"{comparison.pass_at_1_b:.4f}")
    table.add_row("delta (B - A)", f"{comparison.delta_pass_at_1:+.4f}")
    table.add_row("  95% interval", _interval(*comparison.ci95))
    table.add_row("p-value", f"{comparison.p_value:.4g} ({comparison.test})")
    table.add_row("solved by A only", _listed(comparison.a_only))
    table.add_row("solved by B only", _listed(comparison.b_only))
    for kind, counts in comparison.failure_kinds.items():
        table.add_row(Text(f"  {kind}"), f"{counts['a']} -> {counts['b']}")
    for figure, values in comparison.efficiency.items():
        change = f"{values['a']:.4f} -> {values['b']:.4f} ({values['delta']:+.4f}, "
        change += f"95% {_interval(*values['ci95'])}, {values['tasks']} tasks)"
        table.add_row(_EFFICIENCY_LABELS[figure], change)
    console.print(table)
    if comparison.note:
        console.print(Text(f"note: {comparison.note}", style="yellow"))


def print_leaderboard(board: Leaderboard, console: Console) -> None:
    n_tasks = board.entries[0].n_tasks if board.entries else 0
    table = Table(title=Text(f"{board.benchmark}: {n_tasks} tasks"), title_justify="left")
    for column in ("#", "model", "run", "pass@1", "95% interval", "rating", "95% interval"):
        table.add_column(column, justify="left" if column in ("model", "run") else "right")
    table.add_column("rank range", justify="right")
    for position, entry in enumerate(board.entries, start=1):
        low, high = entry.rank_range
        table.add_row(
            str(position),
            Text(entry.model),
            Text(Path(entry.run).name),
            f"{entry.pass_at_1:.4f}",
            _interval(*entry.ci95),
            f"{entry.rating:.0f}",
            _interval(*entry.rating_ci95, digits=0),
            str(low) if low == high else f"{low}-{high}",
        )
    console.print(table)
    if board.note:
        console.print(Text(f"note: {board.note}", style="yellow"))


def print_prompt(prompt: Mapping[str, Any], console: Console) -> None:
    """The prompt a sample answered: each chat message under its role, or a base model's text."""
    console.print(Text(f"prompt sent ({prompt['style']}):", style="bold"))
    for role, content in prompt.get("messages") or ():
        console.print(Text(f"[{role}]", style="cyan"))
        console.print(Text(content))
    if prompt.get("text"):
        console.print(Text(prompt["text"]))


def print_sample(view: SampleView, console: Console) -> None:
    result = view.result
    heading = f"{view.task_id} · sample {view.sample_index} of {view.n_samples} · {result.status}"
    console.rule(Text(heading))
    facts = [
        ("failure kind", result.failure_kind),
        ("error type", result.error_type),
        ("native status", result.native_status),
        ("tests run", str(result.tests_run)),
    ]
    for name, value in facts:
        if value:
            console.print(Text(f"{name}: {value}"))
    if result.detail:
        console.print(Text("first failure:", style="bold"))
        console.print(Text(result.detail))
    if view.prompt is not None:
        print_prompt(view.prompt, console)
    console.print(Text(f"raw {view.sample_format}:", style="bold"))
    console.print(Text(view.raw_text))
    console.print(Text("extracted program:", style="bold"))
    console.print(Text(view.program))
