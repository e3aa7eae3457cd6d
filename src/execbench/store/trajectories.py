"""Strategy trajectories in the run's SQLite file, one row per (task, chain), written when done.

A row remembers the basis it was made under (strategy, model, options: see
`TrajectoryStrategy.basis`); a run under another basis redoes the task rather than reuse it.
The analysis commands read them back (`read_trajectories`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pydantic import ValidationError

from execbench.core import UserError
from execbench.store.run_store import STORE_FILENAME, connect
from execbench.strategies.trajectory import Trajectory

SCHEMA = """
CREATE TABLE IF NOT EXISTS trajectories (
    task_id TEXT NOT NULL,
    chain INTEGER NOT NULL,
    basis TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (task_id, chain)
);
"""


class SqliteTrajectoryStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = connect(path, SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SqliteTrajectoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, task_id: str, chain: int, basis: str) -> Trajectory | None:
        row = self._db.execute(
            "SELECT record FROM trajectories WHERE task_id = ? AND chain = ? AND basis = ?",
            (task_id, chain, basis),
        ).fetchone()
        return _parse(self.path, row[0]) if row else None

    def put(self, trajectory: Trajectory, basis: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO trajectories VALUES (?, ?, ?, ?)",
            (trajectory.task_id, trajectory.chain, basis, trajectory.model_dump_json()),
        )

    def every(self) -> list[Trajectory]:
        rows = self._db.execute("SELECT record FROM trajectories ORDER BY task_id, chain")
        return [_parse(self.path, record) for (record,) in rows]


def read_trajectories(run: Path, task_id: str) -> list[Trajectory]:
    """A finished run's trajectories for one task, by chain (none for a direct run). Reads only:
    the file is opened read-only."""
    path = run / STORE_FILENAME
    if not path.is_file():
        raise UserError(f"{run}: no {STORE_FILENAME} here (not a run directory)")
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if not db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trajectories'"
        ).fetchone():
            return []
        rows = db.execute(
            "SELECT record FROM trajectories WHERE task_id = ? ORDER BY chain", (task_id,)
        ).fetchall()
    finally:
        db.close()
    return [_parse(path, record) for (record,) in rows]


def _parse(path: Path, record: str) -> Trajectory:
    try:
        return Trajectory.model_validate_json(record)
    except ValidationError as exc:
        raise UserError(f"{path}: a stored trajectory does not parse: {exc}") from exc
