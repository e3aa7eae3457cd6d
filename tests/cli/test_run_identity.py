"""A run folder belongs to one run: another never resumes into it, nor silently replaces it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from execbench.api import data_sha256, default_out
from execbench.core import Program, Sample, SampleFormat, Status, UserError, Verdict
from execbench.store import RunStore
from tests.support import completion_of, run_cli, write_jsonl


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def two_samples_files(tmp_path, humaneval_tasks) -> tuple[Path, Path]:
    """Right and wrong answers to HumanEval/0, in files of the same name."""
    right = completion_of(humaneval_tasks["HumanEval/0"])
    (tmp_path / "b").mkdir()
    return (
        write_jsonl(tmp_path / "samples.jsonl", [{"task_id": "HumanEval/0", "completion": right}]),
        write_jsonl(tmp_path / "b" / "samples.jsonl", [{"task_id": "HumanEval/0", "solution": ""}]),
    )


def evaluate(samples: Path, *args: str, cwd: Path | None = None):
    return run_cli("evaluate", "-b", "humaneval", "-s", str(samples), "--json", *args, cwd=cwd)


def test_two_samples_files_get_two_folders_and_each_summary_names_its_own(
    tmp_path, two_samples_files
):
    for samples in two_samples_files:
        done = evaluate(samples, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    for samples, pass_at_1 in zip(two_samples_files, (1.0, 0.0), strict=True):
        folder = tmp_path / "execbench-runs" / f"humaneval__samples-{sha256(samples)[:8]}"
        summary = json.loads((folder / "summary.json").read_text())
        assert summary["samples_sha256"] == sha256(samples)
        assert summary["language"] == "python"
        assert summary["pass_at_k"]["1"] == pass_at_1


def test_the_default_folder_names_the_language_where_the_benchmark_has_a_choice():
    python = default_out("humaneval-x", "python", "samples", "0123456789")
    assert python.name == "humaneval-x-python__samples-01234567"
    assert default_out("humaneval-x", "java", "samples", "0123456789") != python
    assert default_out("humaneval", None, "openai:gpt-4o").name == "humaneval__openai_gpt-4o"
    release = default_out("livecodebench", None, "m", release="release_v2")
    assert release.name == "livecodebench-release_v2__m"


def test_a_data_directory_is_known_by_its_files_wherever_it_is(tmp_path):
    # LiveCodeBench's --data is a directory of files: the identity is what they hold.
    for place in ("a", "b"):
        (tmp_path / place / "data").mkdir(parents=True)
        (tmp_path / place / "test.jsonl").write_text("{}\n")
        (tmp_path / place / "data" / "test.parquet").write_bytes(b"rows")
    assert data_sha256(tmp_path / "a") == data_sha256(tmp_path / "b")
    (tmp_path / "b" / "data" / "test.parquet").write_bytes(b"other rows")
    assert data_sha256(tmp_path / "a") != data_sha256(tmp_path / "b")
    (tmp_path / "b" / "data").rename(tmp_path / "b" / "data2")
    (tmp_path / "b" / "data2" / "test.parquet").write_bytes(b"rows")
    assert data_sha256(tmp_path / "a") != data_sha256(tmp_path / "b")  # moved within: other data


def test_another_run_is_refused_in_one_line_naming_both_and_changes_nothing(
    tmp_path, two_samples_files
):
    right, wrong = two_samples_files
    out = tmp_path / "out"
    assert evaluate(right, "--out", str(out)).returncode == 0
    written = {name: (out / name).read_bytes() for name in ("summary.json", "results.jsonl")}

    refused = evaluate(wrong, "--out", str(out))
    assert refused.returncode == 2 and refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert f"samples_sha256={sha256(right)[:12]}" in line
    assert f"samples_sha256={sha256(wrong)[:12]}" in line
    assert "--force" in line
    # Limits that change verdicts make another run too.
    tighter = evaluate(right, "--out", str(out), "--cpu-limit", "3")
    assert tighter.returncode == 2
    assert "limits.cpu_s=10.0" in tighter.stderr and "limits.cpu_s=3.0" in tighter.stderr
    assert {name: (out / name).read_bytes() for name in written} == written


def test_force_judges_the_new_run_there_afresh_which_then_resumes(tmp_path, two_samples_files):
    right, wrong = two_samples_files
    out = tmp_path / "out"
    assert evaluate(right, "--out", str(out)).returncode == 0
    forced = evaluate(wrong, "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    summary = json.loads(forced.stdout)
    assert summary["samples_sha256"] == sha256(wrong)
    assert summary["pass_at_k"]["1"] == 0.0 and summary["resumed_samples"] == 0
    again = evaluate(wrong, "--out", str(out))
    assert again.returncode == 0 and json.loads(again.stdout)["resumed_samples"] == 1


IDENTITY = {"benchmark": "humaneval", "samples_sha256": "a" * 64, "limits": {"cpu_s": 10.0}}
SAMPLE = Sample("HumanEval/0", 0, "pass\n", SampleFormat.SOLUTION)


def test_the_store_keeps_its_verdicts_for_its_own_run_only(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        assert not store.bind(IDENTITY)
        store.record(SAMPLE, Program("python", "pass\n"), Verdict(Status.FAILED, "no"))
        store.save_task_limits({}, {})
    other = {**IDENTITY, "limits": {"cpu_s": 3.0}}
    with RunStore.in_directory(tmp_path) as store:
        assert not store.bind(IDENTITY)  # resumed: nothing dropped
        assert set(store.judged_programs()) == {("HumanEval/0", 0)}
        with pytest.raises(UserError, match=r"limits\.cpu_s=10\.0\).*limits\.cpu_s=3\.0\)"):
            store.bind(other)
        assert store.has_verdicts()
        assert store.bind(other, force=True)
        assert not store.has_verdicts()
    with sqlite3.connect(tmp_path / "run.sqlite") as db:
        keys = {key for (key,) in db.execute("SELECT key FROM meta")}
    assert "task_limits" not in keys


def test_a_folder_without_a_recorded_identity_is_not_taken_for_this_run(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        store.record(SAMPLE, Program("python", "pass\n"), Verdict(Status.FAILED, "no"))
    with RunStore.in_directory(tmp_path) as store, pytest.raises(UserError, match="earlier"):
        store.bind(IDENTITY)
