"""Writing a run's files: results.jsonl, summary.json and report.html."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from execbench.store import ResultLine, Summary

RESULTS_FILENAME = "results.jsonl"
SUMMARY_FILENAME = "summary.json"
REPORT_FILENAME = "report.html"


def _write_atomically(path: Path, text: str) -> None:
    # A run killed mid-write must not leave a half file that looks complete.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def write_run_files(out: Path, summary: Summary, results: Sequence[ResultLine]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _write_atomically(
        out / RESULTS_FILENAME, "".join(line.model_dump_json() + "\n" for line in results)
    )
    _write_atomically(out / SUMMARY_FILENAME, summary.model_dump_json(indent=2) + "\n")
    # Imported here: the page templates (jinja2) cost start-up time that commands reading
    # stored runs, which import this module for the file names, should not pay.
    from execbench.report.html import render_html

    _write_atomically(out / REPORT_FILENAME, render_html(summary, results))
