"""`execbench validate`, `run -m reference` and `benchmarks` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli, write_jsonl


@pytest.fixture(autouse=True)
def environment(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def et_records(data_dir: Path, count: int) -> list[dict]:
    lines = (data_dir / "humaneval-et" / "HumanEvalET.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines[:count]]


def test_validate_reports_each_failing_reference_with_its_reason(
    data_dir: Path, tmp_path: Path
) -> None:
    records = et_records(data_dir, 3)
    records[1]["canonical_solution"] = "    return None\n"
    data = write_jsonl(tmp_path / "et.jsonl", records)
    out = tmp_path / "out"
    done = run_cli("validate", "-b", "humaneval-et", "--data", str(data), "--json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["benchmark"] == "humaneval-et"
    assert (report["n_tasks"], report["ground_truth_pass_rate"]) == (3, 1 / 3)
    broken, known = report["failures"]
    assert broken["task_id"] == "HumanEval/1" and broken["known_issue"] is None
    assert broken["status"] == "failed" and "assert separate_paren_groups" in broken["detail"]
    # HumanEval/2's published ET test is itself wrong: reported as such, with the evidence.
    assert known["task_id"] == "HumanEval/2" and "0.45199999999999996" in known["known_issue"]


def test_validate_says_when_there_is_no_reference_to_run() -> None:
    done = run_cli("validate", "-b", "apps", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ground_truth_pass_rate"] is None and "no reference" in report["note"]


def test_the_reference_model_refuses_a_benchmark_without_references(tmp_path: Path) -> None:
    done = run_cli("run", "-b", "apps", "-m", "reference", "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "no reference solutions" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "results.jsonl").exists()


def test_benchmarks_lists_names_counts_languages_and_versions() -> None:
    done = run_cli("benchmarks", "--json")
    assert done.returncode == 0, done.stderr
    listed = {item["name"]: item for item in json.loads(done.stdout)["benchmarks"]}
    counts = {name: listed[name]["n_tasks"] for name in listed if listed[name]["available"]}
    expected = {"humanevalplus": 164, "humaneval-et": 164, "mbpp": 500, "mbpp-sanitized": 427}
    assert counts.items() >= {**expected, "mbppplus": 378}.items()
    assert listed["mbppplus"]["languages"] == ["python"]
    assert listed["humanevalplus"]["data_version"] == "v0.1.10"
    assert listed["custom"]["available"] is False and listed["custom"]["reason"]


def test_validate_says_where_it_wrote_its_run(data_dir: Path, tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "et.jsonl", et_records(data_dir, 2))
    out = tmp_path / "out"
    done = run_cli("validate", "-b", "humaneval-et", "--data", str(data), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert f"results in {out} (summary.json" in " ".join(done.stdout.split())
    assert (out / "summary.json").is_file()


def test_the_benchmarks_table_reads_at_80_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No data here: every benchmark that needs a file says why, and the reasons are long.
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "80")
    done = run_cli("benchmarks")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in done.stdout  # nothing cut
    assert "EXECBENCH_DATA_DIR" in done.stdout  # the variable's name whole, on one line
    # Splits and environments are lines under the description, not columns of their own.
    flat = " ".join(done.stdout.split())
    assert "--split complete, instruct" in flat
    assert "environment bigcodebench:" in flat
    listed = json.loads(run_cli("benchmarks", "--json").stdout)["benchmarks"]
    reasons = done.stdout[done.stdout.index("not available here") :]
    for info in listed:
        assert info["name"] in done.stdout
        if not info["available"]:
            assert info["name"] in reasons
