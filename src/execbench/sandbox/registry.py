"""Sandbox backends by name; `--sandbox NAME` picks one."""

from __future__ import annotations

from collections.abc import Callable

from execbench.core import UserError
from execbench.sandbox.base import Sandbox
from execbench.sandbox.isolated import NamespaceSandbox, UnisolatedSandbox
from execbench.sandbox.process import ProcessSandbox
from execbench.sandbox.runtime import PythonRuntime

# A backend is made with the Python runtime of the benchmark's environment, or None for its own.
_BACKENDS: dict[str, Callable[..., Sandbox]] = {
    "namespace": NamespaceSandbox,
    "process": ProcessSandbox,
    "none": UnisolatedSandbox,
}
DEFAULT_SANDBOX = "namespace"


def register_sandbox(name: str, factory: Callable[..., Sandbox]) -> None:
    """`factory(runtime=None)` makes the backend."""
    _BACKENDS[name] = factory


def sandbox_names() -> list[str]:
    return sorted(_BACKENDS)


def require_sandbox(name: str) -> None:
    """Refuse an unknown backend name, before any worker is started to make it."""
    if name not in _BACKENDS:
        raise UserError(f"unknown sandbox {name!r}; available: {', '.join(sandbox_names())}")


def make_sandbox(name: str = DEFAULT_SANDBOX, runtime: PythonRuntime | None = None) -> Sandbox:
    require_sandbox(name)
    return _BACKENDS[name](runtime=runtime)
