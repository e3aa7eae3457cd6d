"""Sandbox backends by name; `--sandbox NAME` picks one.

A backend is a `Sandbox` subclass (or any factory of one taking no argument) registered under a
name: `@register_sandbox("mine")` on the class, in a module of this package or of a plug-in
(entry-point group `execbench.sandboxes`). Judge workers build their own sandbox by name. A
benchmark with an environment (environments/) needs a backend that also takes `runtime=`, the
environment's Python: the built-in ones do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import overload

from execbench.core import UserError
from execbench.core.registry import Registry
from execbench.sandbox.base import Sandbox
from execbench.sandbox.runtime import PythonRuntime

SandboxFactory = Callable[..., Sandbox]
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
    """Refuse an unknown backend name, before any worker is started to make it."""
    SANDBOXES.get(name)


def make_sandbox(name: str = DEFAULT_SANDBOX, runtime: PythonRuntime | None = None) -> Sandbox:
    """The backend `name`, running Python programs with `runtime` (a benchmark environment's
    interpreter) when one is given."""
    factory = SANDBOXES.get(name)
    if runtime is None:
        return factory()
    try:
        return factory(runtime=runtime)
    except TypeError as exc:
        if "runtime" not in str(exc):
            raise
        raise UserError(
            f"sandbox {name!r} cannot run a benchmark environment's Python (its factory takes "
            "no runtime=); use --sandbox namespace or process"
        ) from exc
