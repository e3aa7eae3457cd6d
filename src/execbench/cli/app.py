"""The typer application object every command module attaches to."""

import typer

app = typer.Typer(
    name="execbench",
    help="Evaluate code-generating models by running what they write.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
