"""The extensions a judge worker needs that it could not find by itself.

Workers are fresh interpreters (`python -m execbench.engine.worker`). Built-in extensions and
installed plug-ins (entry points) they discover on their own, like any process. A sandbox, judge
or language registered in this process by a call (`register_sandbox("mine", MySandbox)` in a
script) is known here only, so the pool hands the ones a run needs to each worker in its setup
message: pickled, so a class or function crosses as a reference to its module (which the worker
imports, from this process's `sys.path`) and a `LanguageSpec` by value. What cannot be sent that
way (a lambda, a class defined in the `__main__` script) is refused here, before any worker
starts, with what to do instead.
"""

from __future__ import annotations

import pickle
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from execbench.core import Task, UserError
from execbench.core.registry import Entry, Registry
from execbench.judge import JUDGES
from execbench.languages import LANGUAGES
from execbench.sandbox import SANDBOXES

# What a worker looks up: its sandbox by name, a judge per suite type, a language per task.
_WORKER_REGISTRIES: dict[str, Registry[Any, Any]] = {
    registry.group: registry for registry in (SANDBOXES, JUDGES, LANGUAGES)
}


@dataclass(frozen=True)
class WorkerExtensions:
    """This process's import path, and its local registrations a worker needs (each pickled)."""

    sys_path: tuple[str, ...] = ()
    entries: tuple[tuple[str, bytes], ...] = ()  # (registry's group, pickled Entry)


def for_workers(tasks: Iterable[Task], sandbox: str) -> WorkerExtensions:
    """The local registrations that judging `tasks` under `sandbox` needs."""
    tasks = list(tasks)
    wanted: list[tuple[Registry[Any, Any], set[Any]]] = [
        (SANDBOXES, {sandbox}),
        (JUDGES, {type(task.tests) for task in tasks}),
        (LANGUAGES, {task.language for task in tasks}),
    ]
    entries = tuple(
        (registry.group, _pickled(registry, entry))
        for registry, keys in wanted
        for key in keys
        if key in registry and (entry := registry.local_entry(key)) is not None
    )
    return WorkerExtensions(tuple(sys.path), entries) if entries else WorkerExtensions()


def adopt(extensions: WorkerExtensions) -> None:
    """In a worker: take what the parent sent (each registry discovers its own first)."""
    JUDGES.discover()  # every judge imported at start-up, before the first job, as always
    sys.path.extend(path for path in extensions.sys_path if path not in sys.path)
    for group, payload in extensions.entries:
        _WORKER_REGISTRIES[group].adopt(pickle.loads(payload))


class _NoMainPickler(pickle.Pickler):
    """Refuses what only this process's `__main__` defines: a worker's `__main__` is itself."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, type | types.FunctionType) and obj.__module__ == "__main__":
            raise pickle.PicklingError(f"{obj.__qualname__} is defined in the __main__ script")
        return NotImplemented


def _pickled(registry: Registry[Any, Any], entry: Entry[Any, Any]) -> bytes:
    buffer = BytesIO()
    try:
        _NoMainPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(entry)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        name = registry.display(entry.key)
        raise UserError(
            f"{registry.kind} {name!r} was registered in this process only and cannot be sent "
            f"to the judge workers (separate processes): {exc}. Register a class or top-level "
            f"function of an importable module, or declare that module as a plug-in under the "
            f"entry-point group {registry.group}"
        ) from exc
    return buffer.getvalue()
