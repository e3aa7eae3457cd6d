"""The command line: one module per command, each a thin layer over execbench.api (or, for the
commands that read finished runs, over execbench.analysis)."""

from __future__ import annotations

import importlib
import sys

from rich.text import Text

from execbench.cli.app import app
from execbench.cli.consoles import stderr
from execbench.core import UserError

# Commands that only read stored runs: started without importing the judging machinery.
ANALYSIS_COMMANDS = ("compare", "export", "leaderboard", "show")
ALL_COMMANDS = (
    *ANALYSIS_COMMANDS,
    "benchmarks",
    "doctor",
    "env",
    "evaluate",
    "evaluate_tests",
    "augment",
    "languages",
    "rerank",
    "run",
    "serve",
    "validate",
)


def register_commands(names: tuple[str, ...] = ALL_COMMANDS) -> None:
    """Each command module registers itself on `app` when imported."""
    for name in names:
        importlib.import_module(f"execbench.cli.{name}")


def main() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    register_commands(ANALYSIS_COMMANDS if wanted in ANALYSIS_COMMANDS else ALL_COMMANDS)
    try:
        app()  # typer reports usage errors itself, and exits with their status
    except UserError as exc:  # not typer's: it passes them on untouched
        message = Text.assemble(("error:", "bold red"), " ", str(exc))
        stderr.print(message, highlight=False, soft_wrap=True)
        sys.exit(2)


__all__ = ["app", "main", "register_commands"]
