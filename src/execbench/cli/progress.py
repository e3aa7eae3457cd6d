"""Live progress on stderr while samples are judged, and the final output."""

from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from execbench.api import RunOutcome
from execbench.cli.consoles import stderr, stdout
from execbench.core import Sample
from execbench.report import REPORT_FILENAME, RESULTS_FILENAME, SUMMARY_FILENAME, print_summary


class RichProgress:
    """A progress bar counting judged samples and passes so far."""

    def __init__(self, label: str) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("passed {task.fields[passed]}"),
            TimeElapsedColumn(),
            console=stderr,
            transient=False,
        )
        self._label = label
        self._task = None

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
    files = ", ".join((SUMMARY_FILENAME, RESULTS_FILENAME, REPORT_FILENAME))
    stdout.print(f"results in [bold]{outcome.out}[/] ({files})")
