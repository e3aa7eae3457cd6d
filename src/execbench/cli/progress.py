"""Live progress on stderr while samples are judged, and the final output (on the literal
consoles of `cli.consoles`)."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from execbench.api import RunOutcome
from execbench.cli.consoles import stderr, stdout
from execbench.core import Sample
from execbench.report import REPORT_FILENAME, RESULTS_FILENAME, SUMMARY_FILENAME, print_summary


class RichProgress:
    """A progress bar counting judged samples and passes so far."""

    def __init__(self, label: str) -> None:
        self._progress = Progress(
            TextColumn("{task.description}", style="bold", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("passed {task.fields[passed]}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=False,
        )
        self._label = label
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        return self  # shown from `started` on: an error before then stands alone

    def __exit__(self, *exc_info: object) -> None:
        if self._task is not None:
            self._progress.stop()

    def started(self, total: int, resumable: bool) -> None:
        label = f"{self._label} (resuming)" if resumable else self._label
        self._task = self._progress.add_task(label, total=total, passed=0)
        self._progress.start()

    def judged(self, sample: Sample, passed: bool) -> None:
        assert self._task is not None
        so_far = self._progress.tasks[0].fields["passed"] + passed
        self._progress.update(self._task, advance=1, passed=so_far)


def show_outcome(outcome: RunOutcome, as_json: bool) -> None:
    if as_json:
        print(outcome.summary.model_dump_json(indent=2))
        return
    print_summary(outcome.summary, stdout)
    for name in ("test_generation", "mutation_score"):  # runs whose samples are tests
        figures = getattr(outcome.summary, name, None)
        if figures:
            shown = ", ".join(f"{key} {_figure(value)}" for key, value in figures.items())
            stdout.print(f"{name}: {shown}", highlight=False)
    files = ", ".join((SUMMARY_FILENAME, RESULTS_FILENAME, REPORT_FILENAME))
    stdout.print(Text.assemble("results in ", (str(outcome.out), "bold"), f" ({files})"))


def _figure(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"@{k} {_figure(v)}" for k, v in value.items()) + "}"
    return str(value)
