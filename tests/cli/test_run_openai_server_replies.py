"""`execbench run` against a scripted OpenAI-compatible server that refuses, asks to wait, or is
slow: what the real backend does with each reply, through the command line."""

from __future__ import annotations

import json

import pytest

from tests.support.openai_run import KEY, N_TASKS, chat_answerer, finish, run_openai
from tests.support.openai_server import Fault, ScriptedServer, prompt_of


@pytest.mark.parametrize(
    ("status", "reason"), [(401, "the API key was refused"), (404, "not found")]
)
def test_a_refused_key_or_an_unknown_model_ends_the_run_with_exit_2_after_one_request(
    tmp_path, subset, status, reason
):
    data, _ = subset
    echo = json.dumps({"error": {"message": f"no access for {KEY}"}}).encode()
    with ScriptedServer() as server:
        server.faults.extend([Fault(status=status, body=echo)] * N_TASKS)
        process = run_openai(tmp_path / "out", data, server, "--concurrency", "1")
        stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert len(server.requests) == 1  # neither retried nor asked again for the other tasks
    assert f"HTTP {status}, {reason}" in stderr
    assert KEY not in stdout + stderr


def test_retry_after_given_as_an_http_date_is_waited_for(tmp_path, subset):
    data, records = subset
    with ScriptedServer(answer=chat_answerer(records)) as server:
        # A date four seconds after the reply, in whole seconds: at least three after the
        # request. The run's own backoff would retry within one.
        server.faults.append(Fault(status=429, retry_after_date_in_s=4.0))
        summary = finish(run_openai(tmp_path / "out", data, server, "--concurrency", "1"))
    refused, retried = server.requests[:2]
    assert prompt_of(retried.body) == prompt_of(refused.body)
    assert retried.arrived - refused.arrived >= 3.0 - 0.05  # asyncio may wake a tick early
    assert len(server.requests) == N_TASKS + 1
    assert summary["status_counts"]["passed"] == N_TASKS - 1


def test_concurrency_bounds_the_requests_in_flight(tmp_path, subset):
    data, records = subset
    # Slow answers: every request the run allows is in flight together at some point.
    with ScriptedServer(answer=chat_answerer(records), latency_s=0.3) as server:
        summary = finish(run_openai(tmp_path / "out", data, server, "--concurrency", "2"))
    assert len(server.requests) == N_TASKS
    assert server.most_in_flight == 2
    assert summary["n_samples"] == N_TASKS
