"""The typer application object every command module attaches to."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, Any, ParamSpec

import typer
from typer.core import TyperCommand, TyperGroup

from execbench import __version__
from execbench.cli.consoles import stderr


class _PlainFlags:
    """Help that shows no value placeholder (`<bool>`) beside a flag: a flag takes no value."""

    def get_params(self, ctx: Any) -> list[Any]:
        # Typed loosely: typer vendors its own click in some versions, plain click in others.
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False):
                param.metavar = ""
        return params


class Command(_PlainFlags, TyperCommand):
    pass


class Group(_PlainFlags, TyperGroup):
    pass


class _App(typer.Typer):
    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


app = _App(
    name="execbench",
    help="Evaluate code-generating models by running what they write.",
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def sub_app(help: str) -> typer.Typer:
    """A group of subcommands (`execbench NAME ...`), whose help reads like the commands'."""
    return _App(help=help, cls=Group, no_args_is_help=True)


def _print_version(wanted: bool) -> None:
    if wanted:
        print(f"execbench {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print execbench's version and exit.",
            is_eager=True,
            callback=_print_version,
        ),
    ] = False,
) -> None:
    pass


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
