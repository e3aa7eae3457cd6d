"""The command line: one module per command, each a thin layer over execbench.api (or, for the
commands that read finished runs, over execbench.analysis)."""

from __future__ import annotations

import importlib
import sys
import warnings

from rich.text import Text

from execbench.cli.app import app
from execbench.cli.consoles import stderr
from execbench.core import UserError

ALL_COMMANDS = (
    "compare",
    "export",
    "leaderboard",
    "show",
    "benchmarks",
    "doctor",
    "env",
    "evaluate",
    "evaluate_tests",
    "augment",
    "languages",
    "prompts",
    "rerank",
    "run",
    "serve",
    "validate",
)


def register_commands(names: tuple[str, ...] = ALL_COMMANDS) -> None:
    """Each command module registers itself on `app` when imported."""
    for name in names:
        importlib.import_module(f"execbench.cli.{name}")


def commands_for(arguments: list[str]) -> tuple[str, ...]:
    """The command modules a command line needs: the one it names, or all of them (for the list
    in the help, or typer's error naming an unknown command). Importing every command would
    start each run with the server's and the analysis layer's imports, about a second."""
    named = next((argument for argument in arguments if not argument.startswith("-")), "")
    module = named.replace("-", "_")
    return (module,) if module in ALL_COMMANDS else ALL_COMMANDS


def show_warnings_as_lines() -> None:
    """Each warning once, as one `warning: ...` line: a user needs the message, not the source
    line that raised it (Python's default), nor the same message again from another sandbox."""
    shown: set[str] = set()

    def show(message: Warning | str, *_: object, **__: object) -> None:
        text = str(message)
        if text not in shown:
            shown.add(text)
            line = Text.assemble(("warning:", "bold yellow"), " ", text)
            stderr.print(line, highlight=False, soft_wrap=True)

    warnings.showwarning = show


def main() -> None:
    show_warnings_as_lines()
    register_commands(commands_for(sys.argv[1:]))
    try:
        app()  # typer reports usage errors itself, and exits with their status
    except UserError as exc:  # not typer's: it passes them on untouched
        message = Text.assemble(("error:", "bold red"), " ", str(exc))
        stderr.print(message, highlight=False, soft_wrap=True)
        sys.exit(2)


__all__ = ["app", "commands_for", "main", "register_commands"]
