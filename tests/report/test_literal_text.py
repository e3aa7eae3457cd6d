"""User text in the summary table keeps its brackets, whatever console prints it."""

from __future__ import annotations

import io

from rich.console import Console

from execbench.core import Limits
from execbench.metrics.summary import build_summary
from execbench.report import print_summary


def test_a_model_name_with_brackets_is_printed_as_written_on_a_markup_console():
    summary = build_summary(
        benchmark="humaneval",
        model="samples:run[bold]1.jsonl",
        results=[],
        ks=(1,),
        sandbox="process",
        limits=Limits(),
        resumed=0,
        elapsed_s=0.0,
    )
    console = Console(file=io.StringIO(), markup=True, width=120)
    print_summary(summary, console)
    assert "samples:run[bold]1.jsonl" in console.file.getvalue()
