"""A run of a benchmark with an environment: stopped before judging while it is missing, judged in
it once prepared; `env list` and `benchmarks` say where it stands."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from execbench.api import EvalConfig, evaluate_samples
from execbench.core import UserError
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.classeval import ClassEval
from tests.environments.conftest import TINY_MODULE, tiny_spec
from tests.support import read_jsonl, run_cli, write_jsonl

# ClassEval_0 (AccessGatewayFilter) imports only the standard library.
TASK = "ClassEval_0"
NEEDS_THE_PACKAGE = f"\nimport {TINY_MODULE}\nassert {TINY_MODULE}.ANSWER == 42\n"


@pytest.fixture(scope="module")
def reference(data_dir: Path) -> str:
    tasks = get_benchmark("classeval").load(LoadOptions(data_dir=data_dir))
    return next(task.reference for task in tasks if task.task_id == TASK)


def test_a_run_without_its_environment_stops_before_judging(
    data_dir, reference, tmp_path, monkeypatch
):
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": TASK, "solution": reference}])
    out = tmp_path / "out"
    done = run_cli(
        "evaluate", "-b", "classeval", "--samples", str(samples), "--out", str(out)
    )  # fmt: skip
    assert done.returncode == 2
    assert "run `execbench env prepare classeval` first" in done.stderr
    assert not (out / "results.jsonl").exists()


def test_samples_are_judged_with_the_prepared_environment(
    data_dir, reference, wheels, tiny_env, user_cache, tmp_path, monkeypatch
):
    monkeypatch.setattr(ClassEval, "environment", tiny_spec(wheels))
    records = [
        {"task_id": TASK, "solution": reference},
        {"task_id": TASK, "solution": reference + NEEDS_THE_PACKAGE},
    ]
    samples = write_jsonl(tmp_path / "s.jsonl", records)
    config = EvalConfig("classeval", out=tmp_path / "out", load=LoadOptions(data_dir=data_dir))
    outcome = evaluate_samples(config, samples)
    assert [line.status for line in outcome.results] == ["passed", "passed"]
    # The same samples with no environment declared: the package is not there.
    monkeypatch.setattr(ClassEval, "environment", None)
    bare = evaluate_samples(
        EvalConfig("classeval", out=tmp_path / "bare", load=LoadOptions(data_dir=data_dir)),
        samples,
    )
    assert [line.status for line in bare.results] == ["passed", "error"]
    assert (
        "No module named 'tinypkg'" in read_jsonl(tmp_path / "bare" / "results.jsonl")[1]["detail"]
    )


def test_a_run_in_another_environment_is_another_run(
    data_dir, reference, wheels, tiny_env, user_cache, tmp_path, monkeypatch
):
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": TASK, "solution": reference}])
    config = EvalConfig("classeval", out=tmp_path / "out", load=LoadOptions(data_dir=data_dir))
    monkeypatch.setattr(ClassEval, "environment", None)
    evaluate_samples(config, samples)
    monkeypatch.setattr(ClassEval, "environment", tiny_spec(wheels))
    # Never resumed into the folder of a run judged elsewhere: refused, or judged anew there.
    with pytest.raises(UserError, match=r"holds another run .*environment\.name=tiny"):
        evaluate_samples(config, samples)
    forced = evaluate_samples(replace(config, force=True), samples)
    assert forced.summary.resumed_samples == 0
    assert evaluate_samples(config, samples).summary.resumed_samples == 1


def test_the_api_names_the_command_to_run(data_dir, reference, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": TASK, "solution": reference}])
    config = EvalConfig("classeval", out=tmp_path / "out", load=LoadOptions(data_dir=data_dir))
    with pytest.raises(UserError, match="execbench env prepare classeval"):
        evaluate_samples(config, samples)


def test_env_list_and_benchmarks_show_where_each_environment_stands(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    done = run_cli("env", "list", "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["name"]: row for row in json.loads(done.stdout)["environments"]}
    assert rows["classeval"]["state"] == "missing" and rows["classeval"]["python"] == "3.10"
    assert rows["classeval"]["path"].startswith(str(tmp_path / "cache" / "execbench" / "envs"))
    listed = json.loads(run_cli("benchmarks", "--json").stdout)["benchmarks"]
    by_name = {item["name"]: item for item in listed}
    assert by_name["classeval"]["environment"] == "classeval: missing"
    assert by_name["humaneval"]["environment"] is None
    bigcodebench = by_name["bigcodebench-hard"]
    assert bigcodebench["environment"] == "bigcodebench: missing"
    assert bigcodebench["splits"] == ["complete", "instruct"]
    assert bigcodebench["versions"] == ["v0.1.4", "v0.1.0_hf"]
