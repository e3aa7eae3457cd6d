"""How a whole program is started in the sandbox: the one place that knows the command line.

Python only for now; a language registry (compile and run commands per language) replaces this
table without touching the judges that call `run_argv`.
"""

from __future__ import annotations

import sys

from execbench.core import UserError

SOURCE_NAMES = {"python": "solution.py"}


def source_name(language: str) -> str:
    if language not in SOURCE_NAMES:
        raise UserError(f"no run command for language {language!r} in this judge")
    return SOURCE_NAMES[language]


def run_argv(language: str, script: str | None = None) -> list[str]:
    """The command that runs `script` (default: the program's own file) in the sandbox."""
    name = script or source_name(language)
    # -I: no user site-packages, no PYTHON* variables, no script directory shadowing the stdlib.
    return [sys.executable, "-I", name]
