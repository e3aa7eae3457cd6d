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
    """List the benchmarks, their languages, task counts, data versions and releases
    (--release; the default first), splits (--split) and the environments their samples run in."""
    infos = list_benchmarks()
    if json_output:
        print(json.dumps({"benchmarks": [asdict(info) for info in infos]}, indent=2))
        return
    table = Table(
        "benchmark",
        "tasks",
        "languages",
        "data version",
        "releases",
        "splits",
        "environment",
        "description",
    )
    for info in infos:
        tasks = (
            Text(str(info.n_tasks))
            if info.available
            else Text.assemble(("unavailable", "red"), f": {info.reason}")
        )
        table.add_row(
            info.name,
            tasks,
            ", ".join(info.languages),
            info.data_version,
            ", ".join(info.versions),
            Text(", ".join(info.splits) or "-"),
            Text(info.environment or "-"),
            info.description,
        )
    stdout.print(table)
