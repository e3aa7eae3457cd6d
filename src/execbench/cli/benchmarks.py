"""`execbench benchmarks`: what is available here, with task counts and data versions."""

from __future__ import annotations

import json
from dataclasses import asdict

from rich.table import Table
from rich.text import Text

from execbench.api import list_benchmarks
from execbench.cli.app import app
from execbench.cli.options import JsonFlag
from execbench.cli.progress import stdout


@app.command()
def benchmarks(json_output: JsonFlag = False) -> None:
    """List the benchmarks: task counts, languages, data versions, splits, environments."""
    infos = list_benchmarks()
    if json_output:
        print(json.dumps({"benchmarks": [asdict(info) for info in infos]}, indent=2))
        return
    table = Table(
        "benchmark", "tasks", "languages", "data versions", "splits", "environment", "description"
    )
    for info in infos:
        tasks = str(info.n_tasks) if info.available else f"[red]unavailable[/]: {info.reason}"
        table.add_row(
            info.name,
            tasks,
            ", ".join(info.languages),
            ", ".join(info.versions) or info.data_version,
            Text(", ".join(info.splits) or "-"),
            Text(info.environment or "-"),
            info.description,
        )
    stdout.print(table)
