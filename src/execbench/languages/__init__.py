"""One spec per language (a module each), the registry with its short names, and toolchain probes.

Adding a language is adding a module here that calls `register_language`.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass

from execbench.core import UserError
from execbench.languages.base import (
    _ALIASES,
    _REGISTRY,
    _TAGS,
    Commands,
    Grammar,
    LanguageSpec,
    LoneFile,
    Prepared,
    Tool,
    Toolchain,
    Verdicts,
    WarmUp,
    WholeProgram,
    expand,
    register_language,
)

_NOT_SPECS = {"base", "shapes"}


@functools.cache
def _discover() -> None:
    # Once, whatever registered first: importing one language module (java, for its JVM flags)
    # must not hide the others.
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _NOT_SPECS:
            importlib.import_module(f"{__name__}.{module.name}")


def all_languages() -> dict[str, LanguageSpec]:
    _discover()
    return dict(sorted(_REGISTRY.items()))


def canonical_name(name: str) -> str:
    """The full name for `name` or one of its short codes (`py`, `js`, `rs`, `cs`...)."""
    all_languages()
    key = name.strip().lower()
    if key not in _ALIASES:
        known = ", ".join(all_languages())
        raise UserError(f"unknown language {name!r}; available: {known}")
    return _ALIASES[key]


def get_language(name: str) -> LanguageSpec:
    return all_languages()[canonical_name(name)]


def find_language(name: str) -> LanguageSpec | None:
    """The spec registered under exactly `name` (a canonical name), or None."""
    return all_languages().get(name)


def language_of_tag(tag: str) -> str | None:
    """The language a code fence's tag names (`py`, `c++`, `golang`...), or None."""
    all_languages()
    return _TAGS.get(tag)


@dataclass(frozen=True)
class LanguageStatus:
    """One row of `execbench languages`."""

    name: str
    aliases: tuple[str, ...]
    available: bool
    version: str
    compiled: bool
    reason: str

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "available": self.available,
            "version": self.version or None,
            "compiled": self.compiled,
            "reason": self.reason or None,
        }


def language_statuses() -> list[LanguageStatus]:
    rows = []
    for spec in all_languages().values():
        toolchain = spec.probe()
        reason = "; ".join(part for part in (toolchain.reason, spec.notes) if part)
        rows.append(
            LanguageStatus(
                spec.name,
                spec.aliases,
                toolchain.available,
                toolchain.version,
                spec.compiled,
                reason if not toolchain.available else "",
            )
        )
    return rows


__all__ = [
    "Commands",
    "Grammar",
    "LanguageSpec",
    "LanguageStatus",
    "LoneFile",
    "Prepared",
    "Tool",
    "Toolchain",
    "Verdicts",
    "WarmUp",
    "WholeProgram",
    "all_languages",
    "canonical_name",
    "expand",
    "find_language",
    "get_language",
    "language_of_tag",
    "language_statuses",
    "register_language",
]
