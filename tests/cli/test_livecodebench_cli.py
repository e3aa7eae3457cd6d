"""LiveCodeBench through the real command line, on files in its published schemas; `benchmarks`
lists it and HumanEvalPack with their releases and languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli, write_jsonl
from tests.tasks.livecodebench_fixture import LEETCODE, STDIN, Fixture, write_fixture


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Fixture:
    return write_fixture(tmp_path_factory.mktemp("lcb"), data_dir)


@pytest.fixture(autouse=True)
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))  # never the user's own


def _evaluate(fixture: Fixture, samples: Path, out: Path, *options: str) -> dict:
    done = run_cli(
        "evaluate", "-b", "livecodebench", "--data", str(fixture.generation),
        "--samples", str(samples), "-o", str(out), "--json", *options,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _samples(path: Path, programs: dict[str, str], release: int = 2) -> Path:
    chosen = [p.question_id for p in LEETCODE + STDIN if p.release <= release]
    return write_jsonl(path, [{"task_id": q, "solution": programs[q]} for q in chosen])


def test_references_pass_with_pass_at_1_by_difficulty_and_month(
    fixture: Fixture, tmp_path: Path
) -> None:
    summary = _evaluate(fixture, _samples(tmp_path / "s.jsonl", fixture.references), tmp_path / "o")
    assert (summary["n_tasks"], summary["pass_at_k"]) == (9, {"1": 1.0})
    by = summary["pass_at_1_by"]
    assert {label: group["n_tasks"] for label, group in by["difficulty"].items()} == {
        "easy": 5,
        "medium": 2,
        "hard": 2,
    }
    assert list(by["month"]) == [
        "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01",
    ]  # fmt: skip
    assert (tmp_path / "o" / "summary.json").read_text().count('"pass_at_1_by"') == 1


def test_wrong_solutions_fail_and_filters_choose_tasks(fixture: Fixture, tmp_path: Path) -> None:
    wrong = _samples(tmp_path / "w.jsonl", fixture.wrong)
    summary = _evaluate(fixture, wrong, tmp_path / "w")
    assert summary["pass_at_k"] == {"1": 0.0} and summary["n_tasks"] == 9
    hard = _evaluate(fixture, wrong, tmp_path / "h", "--difficulty", "HARD")
    assert hard["n_tasks"] == 2 and list(hard["pass_at_1_by"]["difficulty"]) == ["hard"]
    recent = _evaluate(fixture, wrong, tmp_path / "r", "--since", "2023-12-01")
    assert recent["n_tasks"] == 3  # 3014 (2024-01), 2965 and 1900A (2023-12)
    v1 = _samples(tmp_path / "v1.jsonl", fixture.references, release=1)
    assert _evaluate(fixture, v1, tmp_path / "v1", "--release", "release_v1")["n_tasks"] == 6


def test_a_difficulty_no_task_has_is_an_error(fixture: Fixture, tmp_path: Path) -> None:
    samples = _samples(tmp_path / "s.jsonl", fixture.references)
    done = run_cli(
        "evaluate", "-b", "livecodebench", "--data", str(fixture.generation),
        "--samples", str(samples), "--difficulty", "extreme", "-o", str(tmp_path / "o"),
    )  # fmt: skip
    assert done.returncode == 2 and "the tasks are easy, hard, medium" in done.stderr


@pytest.mark.parametrize(
    ("benchmark", "place"),
    [("livecodebench-testoutput", "test_output"), ("livecodebench-execution", "execution")],
)
def test_scenarios_validate(fixture: Fixture, tmp_path: Path, benchmark: str, place: str) -> None:
    data = getattr(fixture, place)
    done = run_cli("validate", "-b", benchmark, "--data", str(data), "--json", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ground_truth_pass_rate"] == 1.0 and report["n_tasks"] in (3, 6)


def test_benchmarks_lists_the_releases_and_languages() -> None:
    done = run_cli("benchmarks", "--json")
    assert done.returncode == 0, done.stderr
    listed = {item["name"]: item for item in json.loads(done.stdout)["benchmarks"]}
    versions = listed["livecodebench"]["versions"]
    assert versions[:3] == ["release_latest", "release_v1", "release_v2"] and "v6" in versions
    assert "huggingface-cli download" in listed["livecodebench"]["reason"]
    assert {"livecodebench-testoutput", "livecodebench-execution"} <= set(listed)
    six = {"python", "javascript", "java", "go", "cpp", "rust"}
    for name in ("humanevalsynthesize", "humanevalfix", "humanevalfix-docs", "humanevalexplain"):
        assert listed[name]["n_tasks"] == 164 and listed[name]["versions"] == []
        assert set(listed[name]["languages"]) == six


def test_a_release_of_a_benchmark_without_releases_is_refused(tmp_path: Path) -> None:
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/0", "completion": ""}])
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples), "--release", "v2")
    assert done.returncode == 2 and "humaneval has one release only" in done.stderr
