"""Where execbench keeps what it can reuse across runs: the user's cache directory."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir(name: str) -> Path:
    """`$XDG_CACHE_HOME/execbench/NAME` (by default under ~/.cache); not created here."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "execbench" / name
