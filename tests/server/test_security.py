"""Who may call, how much they may send and queue, and what happens to work whose client left."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from urllib.parse import urlsplit

import httpx

from tests.server.conftest import PER_TOKEN, QUEUE_LIMIT
from tests.support import execbench_command
from tests.support.server import TOKENS

LOOP = {"language": "python", "code": "while True:\n    pass\n"}


def test_a_bearer_token_is_required_except_for_health(server):
    with server.client(token=None) as anonymous:
        assert anonymous.get("/health").status_code == 200
        refused = anonymous.get("/v1/languages")
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    with server.client(token="token-c") as stranger:
        assert stranger.post("/v1/run", json={"language": "python", "code": ""}).status_code == 401
    for token in TOKENS:
        with server.client(token=token) as known:
            assert known.get("/v1/languages").status_code == 200


def test_without_a_token_the_server_only_listens_on_loopback():
    environment = {k: v for k, v in os.environ.items() if k != "EXECBENCH_TOKEN"}
    refused = subprocess.run(
        execbench_command("serve", "--host", "0.0.0.0", "--port", "1"),
        capture_output=True, text=True, env=environment, timeout=120, check=False,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "refusing to serve on 0.0.0.0 without a token" in refused.stderr


def test_a_body_over_the_cap_is_refused_declared_or_chunked(server):
    code = "#" * (2 << 20)
    with server.client() as client:
        declared = client.post("/v1/run", json={"language": "python", "code": code})
        assert declared.status_code == 413
        body = json.dumps({"language": "python", "code": code}).encode()
        chunks = (body[start : start + 65536] for start in range(0, len(body), 65536))
        chunked = client.post(
            "/v1/run", content=chunks, headers={"content-type": "application/json"}
        )
        assert chunked.status_code == 413


def in_thread(target, *args) -> tuple[threading.Thread, list]:
    answers: list = []
    thread = threading.Thread(target=lambda: answers.append(target(*args)), daemon=True)
    thread.start()
    return thread, answers


def looping(server, token: str, cpu_s: float) -> int:
    with server.client(token=token) as client:
        return client.post("/v1/run", json={**LOOP, "limits": {"cpu_s": cpu_s}}).status_code


def admitted(server) -> int:
    return httpx.get(f"{server.url}/health").json()["admitted_jobs"]


def wait_for_admitted(server, count: int, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while admitted(server) != count:
        assert time.monotonic() < deadline, f"never {count} jobs admitted"
        time.sleep(0.02)


def test_a_full_share_or_queue_answers_429_with_retry_after(server):
    first = [in_thread(looping, server, TOKENS[0], 1.0) for _ in range(PER_TOKEN)]
    wait_for_admitted(server, PER_TOKEN)
    with server.client(token=TOKENS[0]) as client:
        over_share = client.post("/v1/run", json=LOOP)
        assert over_share.status_code == 429 and int(over_share.headers["retry-after"]) >= 1
        too_big = client.post("/v1/judge/batch", json={"items": [{"task": {}, "solution": ""}] * 4})
        assert too_big.status_code == 413
    second = [in_thread(looping, server, TOKENS[1], 1.0) for _ in range(QUEUE_LIMIT - PER_TOKEN)]
    wait_for_admitted(server, QUEUE_LIMIT)
    with server.client(token=TOKENS[1]) as client:
        full = client.post("/v1/run", json=LOOP)
        assert full.status_code == 429 and "queue is full" in full.json()["detail"]
    for thread, answers in first + second:
        thread.join(120)
        assert answers == [200]  # every admitted request was answered
    assert admitted(server) == 0


def test_a_client_that_disconnects_has_its_work_cancelled(server):
    running = [in_thread(looping, server, TOKENS[0], 3.0) for _ in range(2)]  # both workers
    wait_for_admitted(server, 2)
    address = urlsplit(server.url)
    body = json.dumps({**LOOP, "limits": {"cpu_s": 3.0}}).encode()
    request = (
        f"POST /v1/run HTTP/1.1\r\nHost: {address.netloc}\r\nAuthorization: Bearer {TOKENS[1]}"
        f"\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    with socket.create_connection((address.hostname, address.port)) as leaving:
        leaving.sendall(request)
        wait_for_admitted(server, 3)
    wait_for_admitted(server, 2)  # released at once, not when a worker would have run it
    assert all(thread.is_alive() for thread, _ in running)
    for thread, answers in running:
        thread.join(120)
        assert answers == [200]
