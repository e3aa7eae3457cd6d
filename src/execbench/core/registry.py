"""The one registry every extension point uses: built-ins found lazily, plug-ins by entry point.

Each kind of extension (benchmarks, languages, model backends, extractors, sandboxes, judges,
metrics; next, strategies and executors) is one `Registry`, defined beside the interface it
holds. An extension registers itself when its module is imported (`@REGISTRY.register(name)`).
The first time a registry is asked for anything it imports its built-in modules and loads every
entry point of its group (`execbench.benchmarks`, ...), so that importing execbench costs
nothing and a plug-in installed with pip is found in every process that asks, judge workers
included. An entry point names a module (or an object in one) to import; the import registers.

A registration made in this process outside discovery (a script calling `register_sandbox`) is
"local": no other process would find it. The judge pool hands its workers the local entries they
need (engine/extensions.py), which `adopt` them.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Generic, TypeVar, overload

from execbench.core.errors import UserError

K = TypeVar("K")
V = TypeVar("V")

ENTRY_POINT_GROUPS = tuple(
    f"execbench.{kind}"
    for kind in (
        "benchmarks",
        "languages",
        "models",
        "extractors",
        "sandboxes",
        "judges",
        "metrics",
        "strategies",
        "executors",
    )
)


class PluginWarning(UserWarning):
    """An installed plug-in failed to load; what it would have registered is missing."""


@dataclass(frozen=True)
class Entry(Generic[K, V]):
    """One registration, as handed to another process."""

    key: K
    value: V
    aliases: tuple[K, ...] = ()


class Registry(Generic[K, V]):
    """Extensions of one kind by key (a name, or for judges a test-suite type).

    `modules`: built-in modules to import on discovery; `packages`: packages whose every module
    is imported on discovery. `normalize` maps what a user typed onto a key (case, `_` for `-`);
    `display` turns a key into the name shown in lists and errors.
    """

    def __init__(
        self,
        kind: str,
        group: str,
        *,
        modules: Sequence[str] = (),
        packages: Sequence[str] = (),
        normalize: Callable[[K], K] | None = None,
        display: Callable[[K], str] = str,
    ) -> None:
        if group not in ENTRY_POINT_GROUPS:
            raise ValueError(f"{group!r} is not one of execbench's entry-point groups")
        self.kind = kind
        self.group = group
        self._modules = tuple(modules)
        self._packages = tuple(packages)
        self._normalize = normalize
        self._display = display
        self._entries: dict[K, V] = {}
        self._aliases: dict[K, K] = {}  # every key and alias -> its key
        self._local: set[K] = set()
        self._broken: list[str] = []
        self._discovered = False
        self._discovering = False

    # -- registering -----------------------------------------------------------------------

    @overload
    def register(
        self, key: K, value: None = None, *, aliases: Iterable[K] = ()
    ) -> Callable[[V], V]: ...
    @overload
    def register(self, key: K, value: V, *, aliases: Iterable[K] = ()) -> V: ...
    def register(
        self, key: K, value: V | None = None, *, aliases: Iterable[K] = ()
    ) -> V | Callable[[V], V]:
        """Make `value` available under `key` (and `aliases`); without `value`, a decorator."""
        if value is None:
            return lambda decorated: self._add(key, decorated, tuple(aliases))
        return self._add(key, value, tuple(aliases))

    def _add(self, key: K, value: V, aliases: tuple[K, ...]) -> V:
        key, aliases = self._normalized(key), tuple(map(self._normalized, aliases))
        for name in (key, *aliases):
            owner = self._aliases.get(name)
            if owner is not None and (owner != key or self._entries[owner] != value):
                raise UserError(
                    f"{self.kind} {self._display(name)!r} registered twice "
                    f"({_origin(self._entries[owner])} and {_origin(value)})"
                )
        for name in (key, *aliases):
            self._aliases[name] = key
        self._entries[key] = value
        if not self._discovering:
            self._local.add(key)
        return value

    def unregister(self, key: K) -> None:
        """Take `key` and its aliases away (a registration that was only for a while)."""
        key = self.canonical(key)
        del self._entries[key]
        self._local.discard(key)
        for name in [name for name, owner in self._aliases.items() if owner == key]:
            del self._aliases[name]

    # -- looking up ------------------------------------------------------------------------

    def get(self, key: K) -> V:
        """The extension for `key` or one of its aliases; a UserError naming the choices if none."""
        return self._entries[self.canonical(key)]

    def find(self, key: K) -> V | None:
        """The extension for `key`, or None."""
        self.discover()
        found = self._aliases.get(self._normalized(key))
        return None if found is None else self._entries[found]

    def canonical(self, key: K) -> K:
        """The key `key` stands for (itself, or the key it is an alias of)."""
        self.discover()
        found = self._aliases.get(self._normalized(key))
        if found is None:
            raise UserError(self._unknown(key))
        return found

    def __contains__(self, key: K) -> bool:
        return self.find(key) is not None

    def items(self) -> list[tuple[K, V]]:
        """Every registration, in the order they were made."""
        self.discover()
        return list(self._entries.items())

    def names(self) -> list[str]:
        """Every key as shown to users, sorted."""
        return sorted(self.display(key) for key, _ in self.items())

    def display(self, key: K) -> str:
        """`key` as shown to users."""
        return self._display(key)

    def aliases_of(self, key: K) -> tuple[K, ...]:
        return tuple(name for name, owner in self._aliases.items() if owner == key and name != key)

    def _normalized(self, key: K) -> K:
        return key if self._normalize is None else self._normalize(key)

    def _unknown(self, key: K) -> str:
        shown = self._display(key)
        message = f"unknown {self.kind} {shown!r}; available: {', '.join(self.names())}"
        known = [self._display(name) for name in self._aliases]
        close = difflib.get_close_matches(self._display(self._normalized(key)), known, n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
        if self._broken:
            message += f" (plug-ins that failed to load: {'; '.join(self._broken)})"
        return message

    # -- discovery -------------------------------------------------------------------------

    def discover(self) -> None:
        """Import the built-in modules and load the entry-point group, once per process."""
        if self._discovered:
            return
        self._discovered = True  # first: a module imported below may itself look things up
        self._discovering = True
        try:
            for name in self._modules:
                importlib.import_module(name)
            for package_name in self._packages:
                package = importlib.import_module(package_name)
                for module in pkgutil.iter_modules(package.__path__):
                    importlib.import_module(f"{package_name}.{module.name}")
            for entry in entry_points(group=self.group):
                try:
                    entry.load()
                except Exception as exc:  # a broken plug-in must not take every command down
                    self._broken.append(f"{entry.name} ({type(exc).__name__}: {exc})")
                    warnings.warn(
                        f"execbench plug-in {entry.name!r} ({entry.value}, group {self.group}) "
                        f"failed to load: {type(exc).__name__}: {exc}",
                        PluginWarning,
                        stacklevel=2,
                    )
        finally:
            self._discovering = False

    # -- other processes -------------------------------------------------------------------

    def local_entry(self, key: K) -> Entry[K, V] | None:
        """The registration of `key` if only this process made it (no discovery would find it)."""
        key = self.canonical(key)
        if key not in self._local:
            return None
        return Entry(key, self._entries[key], self.aliases_of(key))

    def adopt(self, entry: Entry[K, V]) -> None:
        """Take a registration another process made (see `local_entry`)."""
        self.discover()
        self.register(entry.key, entry.value, aliases=entry.aliases)


def _origin(value: object) -> str:
    module = getattr(value, "__module__", None) or type(value).__module__
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{module}.{name}"
