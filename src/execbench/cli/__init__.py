"""The command line: one module per command, each a thin layer over execbench.api."""

from __future__ import annotations

import sys

from execbench.cli import (  # noqa: F401  (commands register on import)
    benchmarks,
    doctor,
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
        app(standalone_mode=False)
    except UserError as exc:
        stderr.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        stderr.print("interrupted: verdicts so far are saved; run the same command to resume")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # click's own usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise


__all__ = ["app", "main"]
