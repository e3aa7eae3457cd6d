"""Measures (efficiency) kept beside the verdicts, out of results.jsonl."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from execbench.core import Program, Sample, SampleFormat, Status, Verdict
from execbench.store import RunStore


def record(store: RunStore, index: int, verdict: Verdict) -> None:
    sample = Sample("t/0", index, "text", SampleFormat.COMPLETION)
    store.record(sample, Program("python", f"x = {index}"), verdict)


def test_measures_are_stored_merged_and_kept_out_of_the_results(tmp_path: Path) -> None:
    with RunStore.in_directory(tmp_path) as store:
        record(store, 0, Verdict(Status.PASSED, measures={"enamel": {"eff": 0.5}}))
        record(store, 1, Verdict(Status.FAILED))
        store.add_measures(("t/0", 0), {"cost": {"net": 2.0}})
        assert store.measures() == {("t/0", 0): {"enamel": {"eff": 0.5}, "cost": {"net": 2.0}}}
        lines = store.results([("t/0", 0), ("t/0", 1)])
    assert "measures" not in lines[0].model_dump()


def test_a_store_from_before_measures_gains_the_column(tmp_path: Path) -> None:
    RunStore.in_directory(tmp_path).close()
    with sqlite3.connect(tmp_path / "run.sqlite") as db:
        db.execute("ALTER TABLE verdicts DROP COLUMN measures")
    with RunStore.in_directory(tmp_path) as store:
        record(store, 0, Verdict(Status.PASSED, measures={"enamel": {"eff": 1.0}}))
        assert store.measures() == {("t/0", 0): {"enamel": {"eff": 1.0}}}
