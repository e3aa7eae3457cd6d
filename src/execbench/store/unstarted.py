"""A run that stopped before it kept anything leaves no folder behind.

A misspelt samples path or an unreachable server ends a run before its first sample: the folder
it made holds an empty store, which a user would only have to find and delete, and which would
claim the name for that run's identity. What the store keeps (a verdict, a model's answer) is
never removed, nor is a folder the run did not make.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from execbench.store.run_store import STORE_FILENAME

# The store's own files (SQLite's journal beside it); anything else in the folder is kept.
_STORE_FILES = {STORE_FILENAME, *(f"{STORE_FILENAME}-{end}" for end in ("wal", "shm", "journal"))}
# Settings the run bound itself to: no work in them.
_SETTINGS_TABLES = {"meta"}


@contextmanager
def discarded_if_unstarted(out: Path) -> Iterator[None]:
    """Run the body, which makes the run folder `out`; if it fails before anything was kept,
    remove the folders it made (`out`, and its parents that did not exist before)."""
    made = _first_missing(out)
    try:
        yield
    except BaseException:
        if made is not None and _holds_nothing(out):
            shutil.rmtree(out)
            for parent in out.parents:
                if parent == made.parent or any(parent.iterdir()):
                    break
                parent.rmdir()
        raise


def _first_missing(path: Path) -> Path | None:
    """The outermost of `path` and its parents that does not exist yet (None: `path` exists)."""
    missing = None
    for candidate in (path, *path.parents):
        if candidate.exists():
            return missing
        missing = candidate
    return missing


def _holds_nothing(out: Path) -> bool:
    if not out.is_dir() or any(p.name not in _STORE_FILES for p in out.iterdir()):
        return False
    store = out / STORE_FILENAME
    if not store.is_file():
        return True
    with closing(sqlite3.connect(store)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return not any(
            db.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
            for table in tables
            if table not in _SETTINGS_TABLES
        )
