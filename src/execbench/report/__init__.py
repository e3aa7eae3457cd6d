"""Terminal table, summary.json, results.jsonl and the static HTML report."""

from execbench.report.files import (
    REPORT_FILENAME,
    RESULTS_FILENAME,
    SUMMARY_FILENAME,
    write_run_files,
)
from execbench.report.table import print_summary

__all__ = [
    "REPORT_FILENAME",
    "RESULTS_FILENAME",
    "SUMMARY_FILENAME",
    "print_summary",
    "write_run_files",
]
