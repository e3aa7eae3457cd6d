"""What stands between a request and the judges: the body cap, the bearer token, and watching
for a client that goes away."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Awaitable
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")
ANONYMOUS = "anonymous"


class BodyCap:
    """ASGI middleware: a request body over `max_bytes` is answered 413, without reading on.
    A declared Content-Length is checked first; a chunked body is counted as it arrives, and once
    over the cap the application is told the client left (so it stops) while 413 goes out."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not started:
                    refused = True
                    await self._refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:  # the answer was 413; the application's is dropped
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted, tracked)

    async def _refuse(self, send: Send) -> None:
        body = b'{"detail":"request body over the server\'s cap of %d bytes"}' % self.max_bytes
        headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def caller_key(authorization: str | None, tokens: frozenset[str]) -> str | None:
    """Who is calling, as the key their concurrency is counted under; None: not allowed.
    Without tokens (loopback only) every caller is one and the same."""
    if not tokens:
        return ANONYMOUS
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return None
    # Every token compared, in constant time each: the time taken tells nothing about them.
    matches = [hmac.compare_digest(given.encode(), token.encode()) for token in tokens]
    if not any(matches):
        return None
    return hashlib.sha256(given.encode()).hexdigest()[:16]


class ClientGone(Exception):
    """The client disconnected before its answer was ready; its work was cancelled."""


async def unless_disconnected(receive: Receive, work: Awaitable[T]) -> T:
    """`work`'s result, or ClientGone (and `work` cancelled) once the client disconnects."""
    job: asyncio.Future[T] = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnect(receive))
    try:
        await asyncio.wait({job, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if job.done():
            return job.result()
        raise ClientGone
    finally:
        job.cancel()
        watcher.cancel()


async def _disconnect(receive: Receive) -> Any:
    while (await receive())["type"] != "http.disconnect":
        pass
