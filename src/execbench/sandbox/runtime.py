"""The Python interpreter a sandbox runs Python programs with, when it is not execbench's own."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PythonRuntime:
    """A benchmark's environment as the sandbox sees it (see execbench.environments).

    `python` runs the fork server and every Python program; `binds` are shown read-only inside
    the sandbox's root (the environment, its base installation); `hidden` directories inside
    them appear empty (the base installation's own site-packages). `identity` names the build,
    so that what depends on the packages (verdicts, measured times) is keyed by it.
    """

    python: str
    binds: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    identity: str = ""
