"""One spec per language (a module each), the registry with its short names, and toolchain probes.

Adding a language is adding a module here (or in a plug-in) that calls `register_language`.
"""

from __future__ import annotations

from dataclasses import dataclass

from execbench.languages.base import (
    _TAGS,
    LANGUAGES,
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


def all_languages() -> dict[str, LanguageSpec]:
    return dict(sorted(LANGUAGES.items()))


def canonical_name(name: str) -> str:
    """The full name for `name` or one of its short codes (`py`, `js`, `rs`, `cs`...)."""
    return LANGUAGES.canonical(name)


def get_language(name: str) -> LanguageSpec:
    return LANGUAGES.get(name)


def find_language(name: str) -> LanguageSpec | None:
    """The spec registered under exactly `name` (a canonical name), or None."""
    return all_languages().get(name)


def language_of_tag(tag: str) -> str | None:
    """The language a code fence's tag names (`py`, `c++`, `golang`...), or None."""
    LANGUAGES.discover()
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
    "LANGUAGES",
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
