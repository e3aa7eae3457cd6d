"""The typer application object every command module attaches to."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec

import typer

from execbench.cli.consoles import stderr

app = typer.Typer(
    name="execbench",
    help="Evaluate code-generating models by running what they write.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

P = ParamSpec("P")


def resumable(command: Callable[P, None]) -> Callable[P, None]:
    """`command`, which keeps every verdict as it comes, told on Ctrl-C that nothing is lost, and
    ending with status 130. Caught here, before typer, whose own handling differs by version:
    some exit 130 without a word, older ones print "Aborted!" and exit 1."""

    @functools.wraps(command)
    def interruptible(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except KeyboardInterrupt:
            stderr.print("interrupted: verdicts so far are saved; run the same command to resume")
            sys.exit(130)

    return interruptible
