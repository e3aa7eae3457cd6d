"""What the store hands the analysis: failure kinds, native statuses, old stores upgraded."""

from __future__ import annotations

import json
import sqlite3

from execbench.core import Program, Sample, SampleFormat, Status, Verdict
from execbench.store import RunStore, read_meta

# The verdicts table as the first release wrote it (no native_status column).
OLD_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE verdicts (
    task_id TEXT NOT NULL, sample_index INTEGER NOT NULL, sample_format TEXT NOT NULL,
    raw_text TEXT NOT NULL, program_sha256 TEXT NOT NULL, program TEXT NOT NULL,
    status TEXT NOT NULL, detail TEXT NOT NULL, error_type TEXT, tests_run INTEGER NOT NULL,
    parts TEXT NOT NULL, cpu_s REAL NOT NULL, wall_s REAL NOT NULL, judged_at REAL NOT NULL,
    PRIMARY KEY (task_id, sample_index)
);
INSERT INTO verdicts VALUES ('t', 0, 'completion', 'x', 'sha', 'p', 'failed', 'd',
    'AssertionError', 1, '{}', 0, 0, 0);
"""


def _record(store, task_id, index, text, source, verdict):
    store.record(
        Sample(task_id, index, text, SampleFormat.RESPONSE), Program("python", source), verdict
    )


def test_kinds_and_native_status_come_back_with_each_result(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        _record(store, "t", 0, "I can't.", "", Verdict(Status.COMPILE_ERROR, "", "SyntaxError"))
        _record(store, "t", 1, "x", "f()", Verdict(Status.ERROR, "", "NameError"))
        native = Verdict(Status.FAILED, "", "AssertionError", native_status="Exception")
        _record(store, "t", 2, "x", "g()", native)
        lines = store.results([("t", 0), ("t", 1), ("t", 2)])
    assert [line.failure_kind for line in lines] == ["no_code", "name_error", "wrong_answer"]
    assert [line.native_status for line in lines] == [None, None, "Exception"]
    assert {line.schema_version for line in lines} == {2}


def test_a_store_from_before_native_status_is_upgraded_in_place(tmp_path):
    path = tmp_path / "run.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    with RunStore(path) as store:
        (old,) = store.results([("t", 0)])
        assert old.native_status is None and old.failure_kind == "wrong_answer"
        _record(store, "t", 1, "y", "q", Verdict(Status.PASSED, native_status="OK"))
        assert store.results([("t", 1)])[0].native_status == "OK"


def test_meta_of_a_finished_run(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        store.bind({"benchmark": "humaneval", "model": "m"})
    meta = read_meta(tmp_path / "run.sqlite")
    assert json.loads(meta["identity"]) == {"benchmark": "humaneval", "model": "m"}
