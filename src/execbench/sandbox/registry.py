"""Sandbox backends by name; `--sandbox NAME` picks one.

A backend is a `Sandbox` subclass (or any factory of one taking no argument) registered under a
name: `@register_sandbox("mine")` on the class, in a module of this package or of a plug-in
(entry-point group `execbench.sandboxes`). Judge workers build their own sandbox by name.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import overload

from execbench.core.registry import Registry
from execbench.sandbox.base import IsolationWarning, Sandbox

SandboxFactory = Callable[[], Sandbox]
SANDBOXES: Registry[str, SandboxFactory] = Registry(
    "sandbox",
    "execbench.sandboxes",
    modules=("execbench.sandbox.isolated", "execbench.sandbox.process"),
)
DEFAULT_SANDBOX = "namespace"


@overload
def register_sandbox(name: str) -> Callable[[SandboxFactory], SandboxFactory]: ...
@overload
def register_sandbox(name: str, factory: SandboxFactory) -> SandboxFactory: ...
def register_sandbox(
    name: str, factory: SandboxFactory | None = None
) -> SandboxFactory | Callable[[SandboxFactory], SandboxFactory]:
    """Make `factory` the backend `name`; without `factory`, a class decorator."""
    return SANDBOXES.register(name, factory)


def sandbox_names() -> list[str]:
    return SANDBOXES.names()


def require_sandbox(name: str) -> None:
    """Refuse an unknown backend name, before any worker is started to make it; warn of its
    caveat here, once, so that the workers need not (they make theirs with `announce=False`)."""
    _announce(SANDBOXES.get(name))


def make_sandbox(name: str = DEFAULT_SANDBOX, *, announce: bool = True) -> Sandbox:
    factory = SANDBOXES.get(name)
    if announce:
        _announce(factory)
    return factory()


def _announce(factory: SandboxFactory) -> None:
    caveat = getattr(factory, "caveat", None)
    if caveat:
        warnings.warn(caveat, IsolationWarning, stacklevel=3)
