"""`execbench validate`: the reference solutions through the whole pipeline."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from execbench.api import ValidationReport, validate_benchmark
from execbench.cli.app import app, resumable
from execbench.cli.options import (
    Benchmark,
    CpuLimit,
    Data,
    DataVersion,
    JsonFlag,
    Language,
    MemoryLimit,
    MinCpuLimit,
    Out,
    SandboxName,
    Since,
    Split,
    Until,
    Workers,
    config_from,
)
from execbench.cli.progress import RichProgress, stdout
from execbench.sandbox import DEFAULT_SANDBOX


@app.command()
@resumable
def validate(
    ctx: typer.Context,
    benchmark: Benchmark,
    json_output: JsonFlag = False,
    language: Language = None,
    out: Out = None,
    workers: Workers = None,
    sandbox: SandboxName = DEFAULT_SANDBOX,
    cpu_limit: CpuLimit = None,
    min_cpu_limit: MinCpuLimit = None,
    memory_mb: MemoryLimit = None,
    split: Split = None,
    data_version: DataVersion = None,
    data: Data = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Check that every reference solution passes its own tests (ground truth)."""
    config = config_from(ctx.params)
    with RichProgress(f"{benchmark}: validating references") as progress:
        report = validate_benchmark(config, progress)
    if json_output:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        show_report(report)


def show_report(report: ValidationReport) -> None:
    if report.ground_truth_pass_rate is None:
        stdout.print(f"[bold]{report.benchmark}[/] ({report.n_tasks} tasks): {report.note}")
        return
    version = f" ({report.data_version})" if report.data_version else ""
    stdout.print(
        f"[bold]{report.benchmark}[/]{version}: ground truth pass rate "
        f"[bold]{report.ground_truth_pass_rate:.4f}[/] ({report.n_passed}/{report.n_tasks})"
    )
    if not report.failures:
        return
    table = Table("task", "status", "why")
    for failure in report.failures:
        why = failure.detail
        if failure.known_issue:
            why = f"[yellow]known broken:[/] {failure.known_issue}\n{failure.detail}"
        table.add_row(failure.task_id, failure.status, why)
    stdout.print(table)
