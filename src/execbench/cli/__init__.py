"""The command line: one module per command, each a thin layer over execbench.api."""

from __future__ import annotations

import sys

from execbench.cli import (  # noqa: F401  (commands register on import)
    benchmarks,
    doctor,
    env,
    evaluate,
    languages,
    run,
    validate,
)
from execbench.cli.app import app
from execbench.cli.progress import stderr
from execbench.core import UserError


def main() -> None:
    try:
        app()  # typer reports usage errors itself, and exits with their status
    except UserError as exc:  # not typer's: it passes them on untouched
        stderr.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)


__all__ = ["app", "main"]
