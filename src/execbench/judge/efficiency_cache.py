"""JSON values kept in the user's cache directory, computed once even by concurrent workers.

A value is computed under an exclusive lock on its key, so two judge workers needing the same
task's inputs or reference measurements compute them once. A cache that cannot be used (a
read-only home) only costs the computing, with a warning.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from execbench.core.cache import locked_entry, user_cache_dir, warn_unkept


def default_cache_dir() -> Path:
    return user_cache_dir("efficiency")


def cached_json(directory: Path, key: str, compute: Callable[[], Any]) -> Any:
    """The value stored under `key`, or `compute()`'s, stored for next time."""
    with locked_entry(directory, key, _UNKEPT) as path:
        if path is None:
            return compute()
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            return json.loads(path.read_bytes())["value"]
        value = compute()
        try:
            partial = path.with_name(path.name + ".partial")
            partial.write_text(json.dumps({"value": value}))
            partial.replace(path)
        except OSError as exc:
            warn_unkept(directory, exc, _UNKEPT)
        return value


_UNKEPT = "efficiency measurements"
