"""`execbench benchmarks`: what is available here, with task counts and data versions."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from execbench.api import BenchmarkInfo, list_benchmarks
from execbench.cli.app import app
from execbench.cli.progress import stdout

JsonList = Annotated[
    bool,
    typer.Option("--json", help='Print the list as JSON ({"benchmarks": [...]}) to stdout.'),
]
# More languages than this are counted, not named: the column stays narrow.
NAMED_LANGUAGES = 6


@app.command()
def benchmarks(json_output: JsonList = False) -> None:
    """List the benchmarks, their languages, task counts, data versions, releases (--release;
    the default first), splits (--split) and the environments their samples run in."""
    infos = list_benchmarks()
    if json_output:
        print(json.dumps({"benchmarks": [asdict(info) for info in infos]}, indent=2))
        return
    # Four columns, the long text last, so that the table reads at 80 columns; why a benchmark
    # is unavailable goes below it, in whole lines, where no column cuts it.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("benchmark", no_wrap=True)
    table.add_column("tasks", justify="right", no_wrap=True)
    table.add_column("languages", max_width=11)
    table.add_column("about")
    for info in infos:
        tasks = Text(str(info.n_tasks)) if info.available else Text("n/a", "red")
        table.add_row(info.name, tasks, languages(info), about(info))
    stdout.print(table)
    # Benchmarks that share a data file share a reason: said once for all of them.
    unavailable: dict[str, list[str]] = {}
    for info in infos:
        if not info.available:
            unavailable.setdefault(info.reason, []).append(info.name)
    if unavailable:
        stdout.print(Text("n/a: not available here, because", "red"))
        for reason, names in unavailable.items():
            stdout.print(Text.assemble("- ", (", ".join(names), "bold"), f": {reason}"))


def languages(info: BenchmarkInfo) -> str:
    if len(info.languages) > NAMED_LANGUAGES:
        return f"{len(info.languages)} languages"
    return ", ".join(info.languages)


def about(info: BenchmarkInfo) -> Text:
    """The description, then the data version, releases, splits and environment, dimmed."""
    details = [f"data {info.data_version}"] if info.data_version else []
    if info.versions:
        details.append(f"--release {', '.join(info.versions)}")
    if info.splits:
        details.append(f"--split {', '.join(info.splits)}")
    if info.environment:
        details.append(f"environment {info.environment}")
    return Text.assemble(info.description, *((f"\n{line}", "dim") for line in details))
