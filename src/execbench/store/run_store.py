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
from dataclasses import asdict
from pathlib import Path
from typing import Any, NamedTuple

from execbench.core import Limits, Program, Sample, Status, UserError, Verdict
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
    PRIMARY KEY (task_id, sample_index)
);
"""

STORE_FILENAME = "run.sqlite"


class JudgedProgram(NamedTuple):
    sha256: str
    passed: bool


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

    @classmethod
    def in_directory(cls, out: Path) -> RunStore:
        return cls(out / STORE_FILENAME)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def bind(self, identity: Mapping[str, Any], force: bool = False) -> bool:
        """Tie the store to one run identity (plain data); True when it took over another run's.

        A store made by another run is refused, naming both, unless `force`: then that run's
        verdicts and calibrated limits are dropped, to be judged again for this one (the model
        answers cached here stay: they are keyed by request, so only identical ones are reused).
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
            "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            ),
        )

    def results(self, keys: Iterable[tuple[str, int]]) -> list[ResultLine]:
        """Stored verdicts for `keys`, in the order given."""
        rows = self._db.execute(
            "SELECT task_id, sample_index, status, detail, error_type, tests_run, parts, "
            "program_sha256 FROM verdicts"
        )
        by_key = {(row[0], row[1]): row for row in rows}
        lines = []
        for key in keys:
            task_id, index, status, detail, error_type, tests_run, parts, sha = by_key[key]
            lines.append(
                ResultLine(
                    task_id=task_id,
                    sample_index=index,
                    status=status,
                    passed=status == Status.PASSED,
                    detail=detail,
                    error_type=error_type,
                    tests_run=tests_run,
                    parts=json.loads(parts),
                    program_sha256=sha,
                )
            )
        return lines

    def program_timings(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(task_id, program sha256) -> the CPU and wall seconds its judging took (samples with
        the same program share one judging)."""
        rows = self._db.execute("SELECT task_id, program_sha256, cpu_s, wall_s FROM verdicts")
        return {(task_id, sha): (cpu, wall) for task_id, sha, cpu, wall in rows}

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
