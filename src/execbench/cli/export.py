"""`execbench export`: a run's samples, raw and extracted, as JSONL to score elsewhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from execbench.analysis.export import ExportFormat, export_records
from execbench.cli.analysis_options import RunDir
from execbench.cli.app import app


@app.command()
def export(
    run: RunDir,
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="samples: raw + extracted; evalplus: task_id + solution."),
    ] = ExportFormat.SAMPLES,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Write a run's samples as JSONL, one line per sample, in task order."""
    lines = (json.dumps(record) + "\n" for record in export_records(run, export_format))
    if output is None:
        sys.stdout.writelines(lines)
        return
    partial = output.with_name(output.name + ".partial")
    with partial.open("w", encoding="utf-8") as file:
        file.writelines(lines)
    partial.replace(output)
