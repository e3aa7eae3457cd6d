"""`execbench run -m openai:...` end to end against the scripted server: overlap of generation and
judging, the generation cache (rerun and kill -9), usage in summary.json, keys kept out of files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import datasets_dir
from tests.support import execbench_command
from tests.support.openai_server import ScriptedServer, prompt_of

KEY = "sk-e2e-do-not-store-0123456789"
N_TASKS = 5
WRONG_TASK = "HumanEval/4"


@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The first HumanEval tasks as a local --data file."""
    source = datasets_dir() / "humaneval" / "HumanEval.jsonl"
    if not source.is_file():
        pytest.skip(f"HumanEval not found at {source} (set EXECBENCH_DATA_DIR)")
    records = [json.loads(line) for line in source.read_text().splitlines()[:N_TASKS]]
    path = tmp_path_factory.mktemp("data") / "humaneval-subset.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path, records


def chat_answerer(records: list[dict]):
    """A chat model that answers right, in a fence among prose, except for WRONG_TASK."""

    def answer(body, choice: int) -> str:
        content = prompt_of(body)
        record = next(r for r in records if r["prompt"].strip() in content)
        body_text = record["canonical_solution"]
        if record["task_id"] == WRONG_TASK:
            body_text = "    return None\n"
        program = record["prompt"] + body_text
        return f"Here you go:\n```python\n{program}```\nExample:\n```python\nprint(1)\n```\n"

    return answer


def run(out: Path, data: Path, server: ScriptedServer, *more: str) -> subprocess.Popen:
    env = {**os.environ, "OPENAI_API_KEY": KEY}
    command = execbench_command(
        "run", "-b", "humaneval", "--data", str(data), "-m", "openai:scripted",
        "--base-url", server.url, "--out", str(out), "--json", "--price-in", "1",
        "--price-out", "2", *more,
    )  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def finish(process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert KEY not in stdout and KEY not in stderr
    return json.loads(stdout)


def test_generate_judge_rerun_from_cache_and_keep_the_key_out(tmp_path, subset):
    data, records = subset
    out = tmp_path / "out"
    with ScriptedServer(answer=chat_answerer(records)) as server:
        summary = finish(run(out, data, server, "-n", "2", "--concurrency", "3"))
        assert len(server.requests) == N_TASKS  # n=2 in one request per task
        assert all(r.body["n"] == 2 for r in server.requests)
        assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in server.requests)

        assert summary["n_tasks"] == N_TASKS and summary["n_samples"] == 2 * N_TASKS
        assert summary["status_counts"] == {"passed": 8, "failed": 2}
        generation = summary["generation"]
        assert generation["generated"] == 10 and generation["cached"] == 0
        assert generation["prompt_tokens"] > 0 and generation["completion_tokens"] > 0
        assert generation["cost_usd"] == pytest.approx(
            (generation["prompt_tokens"] + 2 * generation["completion_tokens"]) / 1e6, abs=1e-6
        )

        again = finish(run(out, data, server, "-n", "2", "--concurrency", "3"))
        assert len(server.requests) == N_TASKS  # the model was asked nothing new
        assert again["generation"]["cached"] == 10 and again["generation"]["generated"] == 0
        assert again["status_counts"] == summary["status_counts"]

        more = finish(run(out, data, server, "-n", "3", "--concurrency", "3"))
        assert [r.body["n"] for r in server.requests[N_TASKS:]] == [1] * N_TASKS
        assert more["n_samples"] == 3 * N_TASKS and more["generation"]["cached"] == 10

    for path in out.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
    with sqlite3.connect(out / "run.sqlite") as db:
        raw, program = db.execute(
            "SELECT raw_text, program FROM verdicts WHERE task_id = 'HumanEval/0'"
        ).fetchone()
    assert raw.startswith("Here you go:") and program.startswith("from typing import List")
    assert "print(1)" not in program


def _generations(out: Path) -> int:
    try:
        with sqlite3.connect(out / "run.sqlite") as db:
            return db.execute("SELECT COUNT(*) FROM generations").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_run_killed_during_generation_resumes_without_asking_again(tmp_path, subset):
    data, records = subset
    out = tmp_path / "out"
    with ScriptedServer(answer=chat_answerer(records), latency_s=0.5) as server:
        process = run(out, data, server, "--concurrency", "1")
        deadline = time.monotonic() + 120
        while _generations(out) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.kill()
        process.wait()
        answered_before = _generations(out)
        assert 2 <= answered_before < N_TASKS
        asked_before = len(server.requests)

        summary = finish(run(out, data, server, "--concurrency", "1"))
    asked_again = [prompt_of(r.body) for r in server.requests[asked_before:]]
    assert len(asked_again) == N_TASKS - answered_before
    assert summary["generation"]["cached"] == answered_before
    assert summary["n_samples"] == N_TASKS and summary["status_counts"]["passed"] == N_TASKS - 1
