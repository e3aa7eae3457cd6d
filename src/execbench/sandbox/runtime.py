"""The Python interpreter a sandbox runs Python programs with, when it is not execbench's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PythonRuntime:
    """A benchmark's environment as the sandbox sees it (see execbench.environments).

    `python` runs the fork server and every Python program; `version` is its "X.Y"; `binds` are
    shown read-only inside the sandbox's root (the environment, its base installation); `hidden`
    directories inside them appear empty (the base installation's own site-packages). `name` is
    the environment's and `identity` names its build, so that what depends on the packages (a
    run's identity, measured times) is keyed by it.
    """

    python: str
    version: str = ""
    binds: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    name: str = ""
    identity: str = ""

    @property
    def takes_safe_path(self) -> bool:
        """Whether its interpreter has -P (new in 3.11)."""
        major, _, minor = self.version.partition(".")
        return not self.version or (int(major), int(minor)) >= (3, 11)

    def identity_record(self) -> dict[str, Any]:
        return {"name": self.name, "build": self.identity}
