"""`execbench prompts export`: the default prompt templates, as a starting point for one's own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.cli.app import app, sub_app
from execbench.cli.consoles import stderr
from execbench.core import UserError
from execbench.prompts import PromptStyle
from execbench.prompts.templates import default_source

prompts_app = sub_app("The prompts sent to models: their default templates.")
app.add_typer(prompts_app, name="prompts")


@prompts_app.command()
def export(
    style: Annotated[
        PromptStyle,
        typer.Option("--style", help="chat (messages) or base (text a base model continues)."),
    ] = PromptStyle.CHAT,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write it here (default: stdout).")
    ] = None,
) -> None:
    """Print the default template for STYLE: edit it, then pass it to run --prompt-template."""
    source = default_source(str(style))
    if out is None:
        print(source, end="")
        return
    if out.exists():
        raise UserError(f"{out} exists: give another --out, or remove it first")
    out.write_text(source)
    stderr.print(f"wrote the default {style} template to {out}", highlight=False)
