"""`execbench doctor`: which isolation layers the sandbox gets on this machine, and why not."""

from __future__ import annotations

import json

from rich.table import Table
from rich.text import Text

from execbench.cli.app import app
from execbench.cli.options import JsonFlag, SandboxName
from execbench.cli.progress import stdout
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.sandbox.capabilities import inspect_sandbox


@app.command()
def doctor(sandbox: SandboxName = DEFAULT_SANDBOX, json_output: JsonFlag = False) -> None:
    """Show which isolation layers are active here, and why not where not."""
    report = inspect_sandbox(sandbox)
    if json_output:
        print(json.dumps(report.to_json(), indent=2))
        return
    table = Table(title=f"sandbox {report.sandbox!r} on this machine")
    table.add_column("layer")
    table.add_column("active")
    table.add_column("what it gives / why it is off")
    for status in report.layers:
        mark = Text("yes", "green") if status.active else Text("NO", "bold red")
        table.add_row(status.layer, mark, status.meaning if status.active else status.reason)
    stdout.print(table)
    stdout.print(f"backends: {', '.join(report.backends)} (choose with --sandbox)")
