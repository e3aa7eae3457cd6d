"""References' CPU times measured on this machine, kept across runs.

Every run judges each task's reference to scale the task's time limits (time_limits.py). On one
machine, with one Python, one sandbox backend and one ceiling, that measurement does not change
from run to run, so it is kept in the user's cache directory: a later run (another model on the
same benchmark, say) skips it, and gets the very same limits, so a sample near its limit cannot
pass in one run and time out in the next. Only references that passed are kept.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path

from execbench.core import Limits, Status, Task, Verdict
from execbench.core.cache import user_cache_dir
from execbench.core.machine import machine_identity
from execbench.store.run_store import connect

_FORMAT = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS reference_cpu (
    key TEXT PRIMARY KEY,
    cpu_s REAL NOT NULL
);
"""


# Keys per query: old SQLite builds allow 999 parameters in one statement.
_CHUNK = 500


class ReferenceTimes:
    """A cache that cannot be read or written (a read-only home, say) only costs the time: the
    run measures the references as if it were empty, with a warning."""

    def __init__(self, sandbox: str, path: Path | None = None, environment: str = "") -> None:
        """`environment`: the identity of the benchmark environment samples run in, if any."""
        self._sandbox = sandbox
        self._environment = environment
        self._path = path or user_cache_dir("calibration") / "reference-times.sqlite"

    def known(self, tasks: Sequence[Task], ceiling: Limits) -> dict[str, Verdict]:
        """The tasks measured before, as their references' (passing) verdicts."""
        keys = {self._key(task, ceiling): task.task_id for task in tasks}
        wanted = list(keys)
        rows: list[tuple[str, float]] = []
        try:
            db = connect(self._path, _SCHEMA)
            try:
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    query = f"SELECT key, cpu_s FROM reference_cpu WHERE key IN ({_marks(chunk)})"
                    rows += db.execute(query, chunk).fetchall()
            finally:
                db.close()
        except (OSError, sqlite3.Error) as exc:
            self._unusable(exc)
        return {keys[key]: Verdict(Status.PASSED, cpu_s=cpu_s) for key, cpu_s in rows}

    def remember(self, measured: Iterable[tuple[Task, Verdict]], ceiling: Limits) -> None:
        rows = [
            (self._key(task, ceiling), verdict.cpu_s)
            for task, verdict in measured
            if verdict.passed
        ]
        try:
            db = connect(self._path, _SCHEMA)
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO reference_cpu VALUES (?, ?)", rows)
            finally:
                db.close()
        except (OSError, sqlite3.Error) as exc:
            self._unusable(exc)

    def _unusable(self, exc: Exception) -> None:
        warnings.warn(
            f"the references' times cannot be kept in {self._path} ({exc}): they are measured "
            "in every run",
            stacklevel=3,
        )

    def _key(self, task: Task, ceiling: Limits) -> str:
        # repr(task): everything the reference's run depends on (its program, the tests).
        identity = [_FORMAT, list(machine_identity()), self._sandbox, asdict(ceiling), repr(task)]
        if self._environment:  # (kept out when empty: times measured before stay valid)
            identity.append(self._environment)
        return hashlib.sha256(json.dumps(identity).encode()).hexdigest()


def _marks(values: Sequence[str]) -> str:
    return ",".join("?" * len(values))
