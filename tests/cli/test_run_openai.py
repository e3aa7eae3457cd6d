"""`execbench run -m openai:...` end to end against the scripted server: overlap of generation and
judging, the generation cache (rerun and kill -9), usage in summary.json, keys kept out of files."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.support.openai_run import KEY, N_TASKS, chat_answerer, finish, run_openai
from tests.support.openai_server import ScriptedServer, prompt_of


def test_generate_judge_rerun_from_cache_and_keep_the_key_out(tmp_path, subset):
    data, records = subset
    out = tmp_path / "out"
    with ScriptedServer(answer=chat_answerer(records)) as server:
        summary = finish(run_openai(out, data, server, "-n", "2", "--concurrency", "3"))
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

        again = finish(run_openai(out, data, server, "-n", "2", "--concurrency", "3"))
        assert len(server.requests) == N_TASKS  # the model was asked nothing new
        assert again["generation"]["cached"] == 10 and again["generation"]["generated"] == 0
        assert again["status_counts"] == summary["status_counts"]

        more = finish(run_openai(out, data, server, "-n", "3", "--concurrency", "3"))
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


def _stored(out: Path, table: str) -> int:
    try:
        with sqlite3.connect(out / "run.sqlite") as db:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _generations(out: Path) -> int:
    return _stored(out, "generations")


def test_the_first_verdict_is_stored_before_the_last_answer_arrives(tmp_path, subset):
    """Judging overlaps generation: the server keeps the last task's answer until run.sqlite holds
    a verdict. Buffering every answer before judging would hold it until hold_limit_s."""
    data, records = subset
    out = tmp_path / "out"
    released_at: list[int] = []  # verdicts stored when the last answer was let go

    def hold(body) -> bool:
        if len(server.requests) < N_TASKS:  # one request at a time: this is not the last
            return True
        stored = _stored(out, "verdicts")
        if stored:
            released_at.append(stored)
        return stored > 0

    server = ScriptedServer(answer=chat_answerer(records), latency_s=0.1, hold=hold)
    with server:
        summary = finish(run_openai(out, data, server, "--concurrency", "1"))
    assert len(server.requests) == N_TASKS
    assert len(released_at) == 1 and 1 <= released_at[0] < N_TASKS
    assert summary["n_samples"] == N_TASKS and summary["status_counts"]["passed"] == N_TASKS - 1


def test_run_killed_during_generation_resumes_without_asking_again(tmp_path, subset):
    data, records = subset
    out = tmp_path / "out"
    with ScriptedServer(answer=chat_answerer(records), latency_s=0.5) as server:
        process = run_openai(out, data, server, "--concurrency", "1")
        deadline = time.monotonic() + 120
        while _generations(out) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.kill()
        process.wait()
        answered_before = _generations(out)
        assert 2 <= answered_before < N_TASKS
        asked_before = len(server.requests)

        summary = finish(run_openai(out, data, server, "--concurrency", "1"))
    asked_again = [prompt_of(r.body) for r in server.requests[asked_before:]]
    assert len(asked_again) == N_TASKS - answered_before
    assert summary["generation"]["cached"] == answered_before
    assert summary["n_samples"] == N_TASKS and summary["status_counts"]["passed"] == N_TASKS - 1
