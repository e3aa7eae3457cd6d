"""--task, --limit and --sample-tasks on run, evaluate and validate: a quick try on a few tasks,
recorded as such, in a folder of its own."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import read_jsonl, run_cli, write_jsonl

Subset = tuple[Path, list[dict]]


def reference_run(data: Path, *args: str, cwd: Path | None = None):
    return run_cli("run", "-b", "humaneval", "--data", str(data), "-m", "reference", *args, cwd=cwd)


def test_limit_runs_the_first_tasks_and_says_it_is_a_subset(tmp_path: Path, subset: Subset):
    data, records = subset
    done = reference_run(data, "--limit", "2", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "--limit 2: not the whole benchmark" in " ".join(done.stdout.split())
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["n_tasks"] == 2
    assert summary["subset"] == {"task_ids": [], "limit": 2, "sample_tasks": None, "seed": None}
    judged = [line["task_id"] for line in read_jsonl(tmp_path / "out" / "results.jsonl")]
    assert judged == [record["task_id"] for record in records[:2]]


def test_a_seeded_sample_is_the_same_each_time_and_recorded(tmp_path: Path, subset: Subset):
    data, records = subset
    drawn = []
    for name in ("a", "b"):
        out = tmp_path / name
        done = reference_run(data, "--sample-tasks", "2", "--seed", "4", "--json", "-o", str(out))
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert summary["subset"]["sample_tasks"] == 2 and summary["subset"]["seed"] == 4
        drawn.append([line["task_id"] for line in read_jsonl(out / "results.jsonl")])
    assert drawn[0] == drawn[1] and len(drawn[0]) == 2
    order = [record["task_id"] for record in records]
    assert drawn[0] == sorted(drawn[0], key=order.index)


def test_a_subset_run_and_the_full_run_never_share_a_folder(tmp_path: Path, subset: Subset):
    data, _ = subset
    for args in (["--limit", "2"], ["--task", "HumanEval/3"], []):
        done = reference_run(data, *args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    folders = sorted(path.name for path in (tmp_path / "execbench-runs").iterdir())
    assert len(folders) == 3, folders
    # Given one --out, the second is another run: refused, not mixed in.
    out = tmp_path / "one"
    assert reference_run(data, "--limit", "2", "-o", str(out)).returncode == 0
    refused = reference_run(data, "-o", str(out))
    assert refused.returncode == 2 and "another run" in refused.stderr


def test_evaluate_judges_only_the_named_tasks(tmp_path: Path, subset: Subset):
    data, records = subset
    samples = write_jsonl(
        tmp_path / "s.jsonl",
        [{"task_id": record["task_id"], "completion": "    pass\n"} for record in records],
    )
    done = run_cli(
        "evaluate", "-b", "humaneval", "--data", str(data), "--samples", str(samples),
        "--task", "HumanEval/1", "--task", "HumanEval/3", "--json", "-o", str(tmp_path / "out"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    judged = [line["task_id"] for line in read_jsonl(tmp_path / "out" / "results.jsonl")]
    assert judged == ["HumanEval/1", "HumanEval/3"]
    assert json.loads(done.stdout)["subset"]["task_ids"] == ["HumanEval/1", "HumanEval/3"]


def test_validate_takes_a_subset_and_names_an_unknown_task(tmp_path: Path, subset: Subset):
    data, _ = subset
    args = ["validate", "-b", "humaneval", "--data", str(data), "--json"]
    done = run_cli(*args, "--limit", "1", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["n_tasks"] == 1
    unknown = run_cli(*args, "--task", "HumanEval/33", "-o", str(tmp_path / "other"))
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("error: --task 'HumanEval/33': no such task")
    assert "did you mean 'HumanEval/3'?" in unknown.stderr
    assert not (tmp_path / "other").exists()
