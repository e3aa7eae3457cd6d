"""A real HTTP server on 127.0.0.1 speaking the OpenAI API (and Anthropic's Messages API).

Scripted: answers come from a function of the request (by default, the text mapped to the first
key of `answers` found in the prompt); `faults` are played one per request in arrival order
(status codes with headers, malformed JSON, bodies cut off mid-way, delays); `latency_s` delays
every answer; `hold` keeps a request unanswered until it returns true for it (polled, for at
most `hold_limit_s`). It keeps every request it received, headers and arrival time included, and
the most requests it ever had in flight at once, for assertions.

Run alone (for bench/): `python -m tests.support.openai_server --latency 0.2` prints its URL.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}
_REASONS |= {429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


@dataclass(frozen=True)
class Fault:
    """How to spoil one answer. `body` replaces the JSON; `cut` sends half of it, then hangs up;
    `retry_after_date_in_s` adds a Retry-After header with the HTTP date that far from the reply."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    retry_after_date_in_s: float | None = None
    body: bytes | None = None
    delay_s: float = 0.0
    cut: bool = False
    chunked_cut: bool = False


@dataclass(frozen=True)
class Received:
    path: str
    headers: Mapping[str, str]
    body: Mapping[str, Any]
    arrived: float = 0.0  # time.time(), comparable with other processes' clocks


def prompt_of(body: Mapping[str, Any]) -> str:
    if "messages" in body:
        return "\n".join(str(m.get("content", "")) for m in body["messages"])
    return str(body.get("prompt", ""))


class ScriptedServer:
    def __init__(
        self,
        answers: Mapping[str, str] | None = None,
        answer: Callable[[Mapping[str, Any], int], str] | None = None,
        latency_s: float = 0.0,
        ignore_n: bool = False,
        hold: Callable[[Mapping[str, Any]], bool] | None = None,
        hold_limit_s: float = 60.0,
    ):
        self.answers = dict(answers or {})
        self.answer = answer or self._answer_from_table
        self.latency_s = latency_s
        self.ignore_n = ignore_n
        self.hold = hold
        self.hold_limit_s = hold_limit_s
        self.faults: deque[Fault] = deque()
        self.requests: list[Received] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _answer_from_table(self, body: Mapping[str, Any], choice: int) -> str:
        prompt = prompt_of(body)
        return next((text for key, text in self.answers.items() if key in prompt), "")

    # --- running -----------------------------------------------------------------------------

    def __enter__(self) -> ScriptedServer:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None and self._thread is not None and self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join()

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._run(ready))
        self._loop.close()

    async def _run(self, ready: threading.Event) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._connection, "127.0.0.1", 0, backlog=1024)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        await self._stop.wait()
        server.close()
        connections = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in connections:
            task.cancel()
        await asyncio.gather(*connections, return_exceptions=True)

    async def serve_forever(self, port: int) -> None:
        server = await asyncio.start_server(self._connection, "127.0.0.1", port, backlog=1024)
        self.port = server.sockets[0].getsockname()[1]
        print(self.url, flush=True)
        async with server:
            await server.serve_forever()

    # --- HTTP ----------------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        try:
            while await self._one_request(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _one_request(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        head = await reader.readuntil(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        path = request_line.split(" ")[1]
        headers = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        raw = await reader.readexactly(int(headers.get("content-length", "0")))
        body = json.loads(raw or b"{}")
        self.requests.append(Received(path, headers, body, time.time()))
        fault = self.faults.popleft() if self.faults else Fault()
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.latency_s + fault.delay_s)
            await self._held(body)
        finally:
            self.in_flight -= 1
        payload = fault.body if fault.body is not None else self._reply(path, body, fault.status)
        status_line = f"HTTP/1.1 {fault.status} {_REASONS.get(fault.status, 'Status')}\r\n"
        headers = dict(fault.headers)
        if fault.retry_after_date_in_s is not None:
            headers["Retry-After"] = formatdate(
                time.time() + fault.retry_after_date_in_s, usegmt=True
            )
        extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        if fault.chunked_cut:
            writer.write(
                f"{status_line}Content-Type: application/json\r\n{extra}"
                "Transfer-Encoding: chunked\r\n\r\n".encode()
                + f"{len(payload):x}\r\n".encode()
                + payload[: len(payload) // 2]
            )
            await writer.drain()
            return False
        writer.write(
            f"{status_line}Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
            f"{extra}\r\n".encode()
            + (payload[: len(payload) // 2] if fault.cut else payload)
        )
        await writer.drain()
        return not fault.cut

    async def _held(self, body: Mapping[str, Any]) -> None:
        deadline = time.monotonic() + self.hold_limit_s
        while self.hold is not None and not self.hold(body) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    def _reply(self, path: str, body: Mapping[str, Any], status: int) -> bytes:
        if status != 200:
            return json.dumps({"error": {"message": f"scripted {status}"}}).encode()
        n = 1 if self.ignore_n else int(body.get("n") or 1)
        texts = [self.answer(body, i) for i in range(n)]
        prompt_tokens = len(prompt_of(body).split())
        completion_tokens = sum(len(t.split()) for t in texts)
        if path.endswith("/messages"):
            return json.dumps(
                {
                    "type": "message",
                    "content": [{"type": "text", "text": texts[0]}],
                    "usage": {"input_tokens": prompt_tokens, "output_tokens": completion_tokens},
                }
            ).encode()
        if path.endswith("/chat/completions"):
            choices = [
                {"index": i, "message": {"role": "assistant", "content": t}}
                for i, t in enumerate(texts)
            ]
        else:
            choices = [{"index": i, "text": t} for i, t in enumerate(texts)]
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}
        return json.dumps({"object": "scripted", "choices": choices, "usage": usage}).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--answer", default="", help="the text every choice answers")
    parser.add_argument("--answers", help="JSON file: {prompt substring: answer}")
    args = parser.parse_args()
    if args.answers:
        with open(args.answers, encoding="utf-8") as file:
            server = ScriptedServer(answers=json.load(file), latency_s=args.latency)
    else:
        server = ScriptedServer(answer=lambda body, i: args.answer, latency_s=args.latency)
    asyncio.run(server.serve_forever(args.port))


if __name__ == "__main__":
    main()
