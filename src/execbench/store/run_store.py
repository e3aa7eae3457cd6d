"""The run store: one SQLite file per output directory, written as verdicts arrive.

WAL mode and one transaction per verdict: a run killed at any moment keeps every verdict it wrote
and loses none. A verdict is keyed by (task_id, sample_index) and remembers the sha256 of the
program it judged, so a resumed run skips exactly the samples whose program is unchanged.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import asdict
from pathlib import Path
from typing import Any, NamedTuple

from execbench.core import Limits, Program, Sample, Status, UserError, Verdict
from execbench.core.failure_kind import failure_kind
from execbench.store.identity import describe_identity
from execbench.store.records import ResultLine

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS verdicts (
    task_id TEXT NOT NULL,
    sample_index INTEGER NOT NULL,
    sample_format TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    program_sha256 TEXT NOT NULL,
    program TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    error_type TEXT,
    tests_run INTEGER NOT NULL,
    parts TEXT NOT NULL,
    cpu_s REAL NOT NULL,
    wall_s REAL NOT NULL,
    judged_at REAL NOT NULL,
    native_status TEXT,
    measures TEXT,
    PRIMARY KEY (task_id, sample_index)
);
"""
# Columns added since the table was first written: (name, declaration), added to older stores.
_ADDED_COLUMNS = (("native_status", "TEXT"), ("measures", "TEXT"))

STORE_FILENAME = "run.sqlite"


_COLUMNS = (
    "task_id, sample_index, sample_format, raw_text, program_sha256, program, status, detail, "
    "error_type, tests_run, parts, cpu_s, wall_s, judged_at, native_status, measures"
)


class JudgedProgram(NamedTuple):
    sha256: str
    passed: bool


class StoredSample(NamedTuple):
    sample_format: str
    raw_text: str
    program: str
    result: ResultLine


def read_meta(path: Path) -> dict[str, str]:
    """A stored run's meta table (benchmark, model, judging settings), opened read-only."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as exc:
        raise UserError(f"{path}: {exc} (not a run of execbench's)") from exc


def connect(path: Path, schema: str) -> sqlite3.Connection:
    """The run's SQLite file: WAL mode, one transaction per statement, `schema` applied."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(schema)
    return db


class RunStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = connect(path, SCHEMA)
        except FileExistsError as exc:
            raise UserError(f"output directory {path.parent} is a file") from exc
        except OSError as exc:
            raise UserError(f"output directory {path.parent}: {exc.strerror}") from exc
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{path}: {exc} (not a run of execbench's: use another --out)") from exc
        present = {row[1] for row in self._db.execute("PRAGMA table_info(verdicts)")}
        for name, declaration in _ADDED_COLUMNS:
            if name not in present:
                self._db.execute(f"ALTER TABLE verdicts ADD COLUMN {name} {declaration}")

    @classmethod
    def in_directory(cls, out: Path) -> RunStore:
        return cls(out / STORE_FILENAME)

    @classmethod
    def existing(cls, out: Path) -> RunStore:
        """The store of a run already made (for reading it): never creates one."""
        path = out / STORE_FILENAME
        if not path.is_file():
            raise UserError(f"{out}: not a run directory (no {STORE_FILENAME} in it)")
        return cls(path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def bind(self, identity: Mapping[str, Any], force: bool = False) -> bool:
        """Tie the store to one run identity (plain data); True when it took over another run's.

        A store made by another run is refused, naming both, unless `force`: then that run's
        verdicts, calibrated limits and strategy trajectories are dropped, to be made again for
        this one (the model answers cached here stay: they are keyed by request, so only
        identical ones are reused).
        """
        wanted = json.dumps(identity, default=str)
        mine = json.loads(wanted)  # as stored: tuples are lists
        row = self._db.execute("SELECT value FROM meta WHERE key = 'identity'").fetchone()
        stored = json.loads(row[0]) if row else {}
        if stored == mine:
            return False
        replaced = row is not None or self.has_verdicts()
        if replaced and not force:
            raise UserError(
                f"{self.path.parent} holds another run ({describe_identity(stored, mine)}) "
                f"than this one ({describe_identity(mine, stored)}): choose another --out, "
                "or pass --force to judge this run there in its place"
            )
        # In this order: killed in between, the next run still finds the other identity.
        self._db.execute("DELETE FROM verdicts")
        self._db.execute("DELETE FROM meta WHERE key = 'task_limits'")
        if self._db.execute(  # a strategy's (trajectories.py): `show` must not find them here
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'trajectories'"
        ).fetchone():
            self._db.execute("DELETE FROM trajectories")
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('identity', ?)", (wanted,)
        )
        return replaced

    def judge_under(self, settings: Mapping[str, Any]) -> None:
        """Keep the stored verdicts only if they were reached under `settings` (the sandbox
        backend: it should not change a verdict, so the run stays the same run); otherwise drop
        them, to be judged again. A model's cached answers stay."""
        wanted = json.dumps(settings, sort_keys=True, default=str)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'judging'").fetchone()
        if row is not None and row[0] == wanted:
            return
        # In this order: killed in between, the next run finds the old settings and drops again.
        self._db.execute("DELETE FROM verdicts")
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('judging', ?)", (wanted,)
        )

    def has_verdicts(self) -> bool:
        return self._db.execute("SELECT 1 FROM verdicts LIMIT 1").fetchone() is not None

    def judged_programs(self) -> dict[tuple[str, int], JudgedProgram]:
        """(task_id, sample_index) -> the program its stored verdict is for, and if it passed."""
        rows = self._db.execute(
            "SELECT task_id, sample_index, program_sha256, status FROM verdicts"
        )
        return {
            (task_id, index): JudgedProgram(sha, status == Status.PASSED)
            for task_id, index, sha, status in rows
        }

    def record(self, sample: Sample, program: Program, verdict: Verdict) -> None:
        self._db.execute(
            f"INSERT OR REPLACE INTO verdicts ({_COLUMNS}) VALUES ({', '.join('?' * 16)})",
            (
                sample.task_id,
                sample.sample_index,
                str(sample.format),
                sample.text,
                program.sha256,
                program.source,
                str(verdict.status),
                verdict.detail,
                verdict.error_type,
                verdict.tests_run,
                json.dumps({name: list(counts) for name, counts in sorted(verdict.parts.items())}),
                verdict.cpu_s,
                verdict.wall_s,
                time.time(),
                verdict.native_status,
                json.dumps(dict(verdict.measures), sort_keys=True) if verdict.measures else None,
            ),
        )

    def results(self, keys: Iterable[tuple[str, int]]) -> list[ResultLine]:
        """Stored verdicts for `keys`, in the order given."""
        return [stored.result for stored in self.stored_samples(keys)]

    def stored_samples(self, keys: Iterable[tuple[str, int]]) -> list[StoredSample]:
        """Stored samples for `keys`, in the order given: raw text and extracted program beside
        each verdict."""
        rows = self._db.execute(
            "SELECT task_id, sample_index, status, detail, error_type, tests_run, parts, "
            "program_sha256, native_status, sample_format, raw_text, program FROM verdicts"
        )
        by_key = {(row[0], row[1]): row for row in rows}
        return [_stored_sample(by_key[key]) for key in keys]

    def stored_sample(self, task_id: str, sample_index: int) -> StoredSample | None:
        row = self._db.execute(
            "SELECT task_id, sample_index, status, detail, error_type, tests_run, parts, "
            "program_sha256, native_status, sample_format, raw_text, program FROM verdicts "
            "WHERE task_id = ? AND sample_index = ?",
            (task_id, sample_index),
        ).fetchone()
        return None if row is None else _stored_sample(row)

    def sample_keys(self) -> list[tuple[str, int]]:
        """Every judged (task_id, sample_index), in no particular order."""
        return list(self._db.execute("SELECT task_id, sample_index FROM verdicts"))

    def program_timings(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(task_id, program sha256) -> the CPU and wall seconds its judging took (samples with
        the same program share one judging)."""
        rows = self._db.execute("SELECT task_id, program_sha256, cpu_s, wall_s FROM verdicts")
        return {(task_id, sha): (cpu, wall) for task_id, sha, cpu, wall in rows}

    def measures(self) -> dict[tuple[str, int], dict[str, Any]]:
        """(task_id, sample_index) -> what was measured besides the verdict (efficiency), for the
        samples that have measures."""
        rows = self._db.execute(
            "SELECT task_id, sample_index, measures FROM verdicts WHERE measures IS NOT NULL"
        )
        return {(task_id, index): json.loads(text) for task_id, index, text in rows}

    def add_measures(self, key: tuple[str, int], measures: Mapping[str, Any]) -> None:
        """Merge `measures` into those stored for the sample `key` (a later measuring pass)."""
        row = self._db.execute(
            "SELECT measures FROM verdicts WHERE task_id = ? AND sample_index = ?", key
        ).fetchone()
        merged = {**(json.loads(row[0]) if row and row[0] else {}), **measures}
        self._db.execute(
            "UPDATE verdicts SET measures = ? WHERE task_id = ? AND sample_index = ?",
            (json.dumps(merged, sort_keys=True), *key),
        )

    def task_limits(self, basis: Mapping[str, Any]) -> dict[str, Limits]:
        """Per-task limits calibrated earlier in this run from the same `basis` (what they were
        derived from: the ceiling, the scaling rule; plain data).

        A resumed run judges its remaining samples under the limits its first part used."""
        row = self._db.execute("SELECT value FROM meta WHERE key = 'task_limits'").fetchone()
        if row is None:
            return {}
        stored = json.loads(row[0])
        if stored.get("basis") != json.loads(json.dumps(basis)):
            return {}
        return {task_id: Limits(**values) for task_id, values in stored["tasks"].items()}

    def save_task_limits(self, basis: Mapping[str, Any], limits: dict[str, Limits]) -> None:
        value = {
            "basis": basis,
            "tasks": {task_id: asdict(task) for task_id, task in sorted(limits.items())},
        }
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('task_limits', ?)",
            (json.dumps(value),),
        )


def _stored_sample(row: tuple) -> StoredSample:
    (
        task_id,
        index,
        status,
        detail,
        error_type,
        tests_run,
        parts,
        sha,
        native,
        fmt,
        raw,
        program,
    ) = row
    result = ResultLine(
        task_id=task_id,
        sample_index=index,
        status=status,
        passed=status == Status.PASSED,
        detail=detail,
        error_type=error_type,
        failure_kind=failure_kind(status, error_type, not program.strip() or not raw.strip()),
        native_status=native,
        tests_run=tests_run,
        parts=json.loads(parts),
        program_sha256=sha,
    )
    return StoredSample(fmt, raw, program, result)
