"""Faults: a judge worker killed mid-request is replaced and the request answered (retried once,
then `sandbox_error`); SIGTERM lets the requests in flight finish, then the server exits."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import pytest

from tests.support.server import Server, kill, running_server

# Two CPU seconds: time to be killed under, whatever the machine.
BUSY = "import time\nt = time.process_time()\nwhile time.process_time() - t < 2: pass\nprint(1)"


def busy_run(server: Server, answers: list) -> threading.Thread:
    def ask() -> None:
        with server.client() as client:
            answers.append(client.post("/v1/run", json={"language": "python", "code": BUSY}))

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread


def admitted(server: Server) -> int:
    return httpx.get(f"{server.url}/health").json()["admitted_jobs"]


def wait(condition, what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"never {what}")
        time.sleep(0.02)


@pytest.fixture
def one_worker(tmp_path):
    with running_server(tmp_path, "--workers", "1") as server:
        wait(lambda: len(server.workers()) == 1, "one worker")
        yield server


def test_a_worker_killed_mid_request_is_replaced_and_the_request_answered(one_worker):
    server = one_worker
    answers: list = []
    asking = busy_run(server, answers)
    wait(lambda: admitted(server) == 1, "admitted")
    [first] = server.workers()
    kill(first)  # once: the job is judged again on a fresh worker
    asking.join(120)
    assert answers[0].status_code == 200
    assert answers[0].json()["status"] == "passed" and answers[0].json()["stdout"] == "1\n"
    [second] = server.workers()
    assert second != first

    answers.clear()
    asking = busy_run(server, answers)
    wait(lambda: admitted(server) == 1, "admitted")
    kill(second)
    wait(lambda: server.workers() not in ([], [second]), "a replacement worker")
    kill(server.workers()[0])  # twice: reported, not retried forever
    asking.join(120)
    verdict = answers[0].json()
    assert verdict["status"] == "sandbox_error" and "worker process died" in verdict["detail"]

    with server.client() as client:  # and it keeps serving
        again = client.post("/v1/run", json={"language": "python", "code": "print(1)"})
    assert again.json()["stdout"] == "1\n"


def test_sigterm_drains_the_requests_in_flight_then_exits(one_worker):
    server = one_worker
    answers: list = []
    asking = busy_run(server, answers)
    wait(lambda: admitted(server) == 1, "admitted")
    workers = server.workers()
    server.process.send_signal(signal.SIGTERM)
    # uvicorn, having drained, ends by the signal it was sent, as an unhandled one would.
    assert server.process.wait(120) in (0, -signal.SIGTERM)
    asking.join(10)
    assert answers[0].status_code == 200 and answers[0].json()["stdout"] == "1\n"
    assert all(not (pid_alive(pid)) for pid in workers)  # the judges were stopped
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/health")


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
