"""Where execbench keeps what it can reuse across runs: the user's cache directory."""

from __future__ import annotations

import fcntl
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def user_cache_dir(name: str) -> Path:
    """`$XDG_CACHE_HOME/execbench/NAME` (by default under ~/.cache); not created here."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "execbench" / name


@contextmanager
def locked_entry(directory: Path, key: str, unkept: str) -> Iterator[Path | None]:
    """The path of `key`'s JSON file in `directory`, held under an exclusive lock on the key, so
    that concurrent workers compute a value once; None (with a warning that `unkept`) where the
    cache cannot be used: the caller only loses the keeping."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        lock = (directory / f"{key}.lock").open("a")
    except OSError as exc:
        warn_unkept(directory, exc, unkept)
        yield None
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield directory / f"{key}.json"


def warn_unkept(directory: Path, exc: OSError, unkept: str) -> None:
    warnings.warn(
        f"{unkept} cannot be kept in {directory} ({exc}): they are computed in every run",
        stacklevel=4,
    )
