"""A run's identity in words, for the error that refuses to mix two runs in one folder."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def describe_identity(identity: Mapping[str, Any], other: Mapping[str, Any]) -> str:
    """`identity` in one line: its top-level values, and the nested ones where `other` differs."""
    mine, theirs = _flattened(identity), _flattened(other)
    shown = [
        f"{key}={str(value)[:12] if key.endswith('sha256') else value}"
        for key, value in mine.items()
        if value is not None and ("." not in key or theirs.get(key) != value)
    ]
    return ", ".join(shown) or "no identity recorded: made by an earlier execbench"


def _flattened(identity: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in identity.items():
        if isinstance(value, Mapping):
            flat.update(_flattened(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
