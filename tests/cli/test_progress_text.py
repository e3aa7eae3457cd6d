"""The progress bar's label (benchmark and model, both the user's words) is printed as written."""

from __future__ import annotations

import io

from rich.console import Console

from execbench.cli import progress
from execbench.core import Sample, SampleFormat


def test_the_progress_label_keeps_its_brackets(monkeypatch):
    console = Console(file=io.StringIO(), width=120)
    monkeypatch.setattr(progress, "stderr", console)
    with progress.RichProgress("humaneval: openai:coder[v2]") as bar:
        bar.started(1, resumable=False)
        bar.judged(Sample("HumanEval/0", 0, "", SampleFormat.SOLUTION), True)
    assert "humaneval: openai:coder[v2]" in console.file.getvalue()
