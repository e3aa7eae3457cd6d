"""The terminal view of a strategy's trajectory for one task (for `execbench show`).

Calls with their tokens and cost; then each attempt: its round, its verdict on the visible
examples (and on the model's own tests, for CodeT and AgentCoder) and its program. A CodeT
trajectory shows its ranking instead of its n programs, which the samples already hold.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from execbench.strategies.trajectory import Attempt, Trajectory

_CASE_CHARS = 120


def render_trajectory(trajectory: Trajectory) -> RenderableType:
    parts: list[RenderableType] = [_heading(trajectory)]
    if trajectory.calls:
        parts.append(_calls(trajectory))
    if trajectory.ranking is not None:
        parts.append(_ranking(trajectory))
    else:
        parts += [Text(f"model test: {test.case}", style="dim") for test in trajectory.tests]
        parts += [_attempt(attempt, trajectory) for attempt in trajectory.attempts]
    parts += [Text(f"note: {note}", style="yellow") for note in trajectory.notes]
    return Group(*parts)


def print_trajectory(trajectory: Trajectory, console: Console) -> None:
    console.print(render_trajectory(trajectory))


def _heading(trajectory: Trajectory) -> Text:
    cost = f", ${trajectory.cost_usd:.4f}" if trajectory.cost_usd is not None else ""
    return Text.assemble(
        (f"{trajectory.task_id} · {trajectory.strategy}", "bold"),
        f" · chain {trajectory.chain} · {trajectory.rounds_used} repair round(s) · "
        f"{len(trajectory.calls)} call(s), {trajectory.prompt_tokens} prompt + "
        f"{trajectory.completion_tokens} completion tokens{cost}",
    )


def _calls(trajectory: Trajectory) -> Table:
    table = Table("call", "purpose", "choices", "prompt tok", "completion tok", "cost $")
    for number, call in enumerate(trajectory.calls, start=1):
        cost = "" if call.cost_usd is None else f"{call.cost_usd:.5f}"
        table.add_row(
            str(number),
            call.purpose,
            str(call.choices),
            str(call.prompt_tokens),
            str(call.completion_tokens),
            cost,
        )
    return table


def _ranking(trajectory: Trajectory) -> Table:
    table = Table("group", "score", "samples", "model tests passed", title="ranking")
    for number, group in enumerate(trajectory.ranking or (), start=1):
        first = trajectory.attempts[group.sample_indices[0]]
        table.add_row(
            str(number),
            f"{group.score:.3f}",
            ", ".join(map(str, group.sample_indices)),
            f"{len(first.passed_tests or ())}/{len(trajectory.tests)}",
        )
    return table


def _attempt(attempt: Attempt, trajectory: Trajectory) -> Panel:
    lines: list[RenderableType] = []
    for case in attempt.examples:
        mark = Text("✓ ", style="green") if case.passed else Text("✗ ", style="red")
        shown = case.case if len(case.case) <= _CASE_CHARS else case.case[:_CASE_CHARS] + "…"
        if case.expected is not None:
            shown = f"stdin {shown!r}"
        output = "" if case.passed or not case.output else f"  → {case.output}"
        lines.append(Text.assemble(mark, shown, (output, "dim")))
    if attempt.passed_tests is not None:
        lines.append(
            Text(f"model tests passed: {len(attempt.passed_tests)}/{len(trajectory.tests)}")
        )
    lines.append(Syntax(attempt.program, "python", line_numbers=False, word_wrap=True))
    verdict = attempt.passed_examples
    if verdict is None:
        status = "no visible examples"
    else:
        status = "passed the visible examples" if verdict else "failed a visible example"
    title = "first try" if attempt.round == 0 else f"repair round {attempt.round}"
    return Panel(Group(*lines), title=f"{title}: {status}")
