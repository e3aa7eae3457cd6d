"""`execbench validate`: the reference solutions through the whole pipeline."""

from __future__ import annotations

import json

from rich.table import Table
from rich.text import Text

from execbench.api import EvalConfig, ValidationReport, validate_benchmark
from execbench.cli.app import app, resumable
from execbench.cli.options import JsonFlag, eval_options
from execbench.cli.progress import RichProgress, stdout


@app.command()
@resumable
@eval_options(omit=("k",))
def validate(
    config: EvalConfig,
    json_output: JsonFlag = False,
) -> None:
    """Check that every reference solution passes its own tests (ground truth)."""
    with RichProgress(f"{config.benchmark}: validating references") as progress:
        report = validate_benchmark(config, progress)
    if json_output:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        show_report(report)


def show_report(report: ValidationReport) -> None:
    if report.ground_truth_pass_rate is None:
        stdout.print(
            Text.assemble((report.benchmark, "bold"), f" ({report.n_tasks} tasks): {report.note}")
        )
        return
    version = f" ({report.data_version})" if report.data_version else ""
    stdout.print(
        Text.assemble(
            (report.benchmark, "bold"),
            f"{version}: ground truth pass rate ",
            (f"{report.ground_truth_pass_rate:.4f}", "bold"),
            f" ({report.n_passed}/{report.n_tasks})",
        )
    )
    if not report.failures:
        return
    table = Table("task", "status", "why")
    for failure in report.failures:
        why = Text(failure.detail)
        if failure.known_issue:
            why = Text.assemble(
                ("known broken:", "yellow"), f" {failure.known_issue}\n{failure.detail}"
            )
        table.add_row(failure.task_id, failure.status, why)
    stdout.print(table)
