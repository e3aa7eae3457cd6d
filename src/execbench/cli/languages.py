"""`execbench languages`: every registered language, whether its toolchain is here, and why not."""

from __future__ import annotations

import json

from rich.table import Table

from execbench.cli.app import app
from execbench.cli.options import JsonFlag
from execbench.cli.progress import stdout
from execbench.languages import language_statuses


@app.command()
def languages(json_output: JsonFlag = False) -> None:
    """List the languages, with toolchain availability and version."""
    rows = language_statuses()
    if json_output:
        print(json.dumps([row.as_json() for row in rows], indent=2))
        return
    table = Table("language", "short names", "available", "version / why not")
    for row in rows:
        table.add_row(
            row.name,
            ", ".join(row.aliases),
            "yes" if row.available else "no",
            row.version if row.available else row.reason,
        )
    stdout.print(table)
