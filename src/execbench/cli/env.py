"""`execbench env prepare NAME` / `env list`: a benchmark's own sample environment."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from execbench.cli.app import app
from execbench.cli.options import JsonFlag
from execbench.cli.progress import stderr, stdout
from execbench.environments.catalog import environment_named
from execbench.environments.listing import environment_rows
from execbench.environments.pip_install import PipProgress
from execbench.environments.prepare import prepare_environment

env_app = typer.Typer(help="A benchmark's own sample environment (its pinned packages).")
app.add_typer(env_app, name="env")

Python = Annotated[
    str | None,
    typer.Option("--python", help="Build on this interpreter, not the benchmark's own version."),
]


class _RichPrepare:
    """pip's progress as a bar over the pinned requirements, other steps as lines."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> _RichPrepare:
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def phase(self, text: str) -> None:
        self._progress.console.print(Text(text))

    def pip(self, progress: PipProgress, total: int) -> None:
        if self._task is None:
            self._task = self._progress.add_task("pip", total=total)
        what = "installing" if progress.installing else progress.last[:60]
        # pip also announces dependencies of the pinned requirements: the count may pass them.
        self._progress.update(self._task, completed=min(progress.seen, total), description=what)

    def warn(self, text: str) -> None:
        self._progress.console.print(Text(f"warning: {text}", style="yellow"))


@env_app.command("prepare")
def prepare(
    name: Annotated[str, typer.Argument(help="Environment or benchmark name.")],
    python: Python = None,
) -> None:
    """Build (or finish building) a benchmark's environment in the user cache."""
    spec = environment_named(name)
    with _RichPrepare() as listener:
        prepared = prepare_environment(spec, python=python, listener=listener)
    stdout.print(Text(f"{spec.name}: {prepared.state} in {prepared.path}"))


@env_app.command("list")
def list_environments(json_output: JsonFlag = False) -> None:
    """The declared environments and the builds in the cache: name, state, path, size."""
    rows = environment_rows()
    if json_output:
        print(json.dumps({"environments": [asdict(row) for row in rows]}, indent=2))
        return
    table = Table("name", "state", "python", "size", "path")
    for row in rows:
        size = f"{row.size_bytes / 2**20:.0f} MiB" if row.size_bytes else "-"
        table.add_row(Text(row.name), Text(row.state), row.python, size, Text(row.path))
    stdout.print(table)
