"""The ASGI application and running it: judging started with the app and stopped after the last
request; errors answered as what they are (400 bad input, 401, 413, 429 with Retry-After)."""

from __future__ import annotations

import math
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from execbench import __version__
from execbench.core import UserError
from execbench.server.admission import Admission, Busy, TooMany
from execbench.server.config import ServerConfig
from execbench.server.guards import BodyCap, ClientGone
from execbench.server.judging import Judging
from execbench.server.routes import Service, router

# Not a standard status: nginx's "client closed request". Nobody reads it; the logs do.
CLIENT_CLOSED = 499


def create_app(config: ServerConfig) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        judging = Judging(config)
        workers = config.workers or len(os.sched_getaffinity(0))
        admission = Admission(config.queue_limit, config.token_limit, workers)
        app.state.service = Service(config, judging, admission)
        try:
            yield
        finally:  # after uvicorn has drained the requests in flight
            judging.close()

    app = FastAPI(
        title="execbench",
        version=__version__,
        description="Run and judge untrusted code in execbench's sandbox (docs/server.md).",
        lifespan=lifespan,
    )
    app.add_middleware(BodyCap, max_bytes=config.max_body_bytes)
    app.include_router(router)

    @app.exception_handler(UserError)
    async def bad_input(request: Request, exc: UserError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        headers = {"Retry-After": str(exc.retry_after_s)}
        return JSONResponse({"detail": str(exc)}, status_code=429, headers=headers)

    @app.exception_handler(TooMany)
    async def too_many(request: Request, exc: TooMany) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=413)

    @app.exception_handler(ClientGone)
    async def client_gone(request: Request, exc: ClientGone) -> Response:
        return Response(status_code=CLIENT_CLOSED)

    return app


def serve(config: ServerConfig) -> None:
    """Serve until SIGTERM or Ctrl-C; then stop taking connections, let the requests in flight
    finish (for up to `drain_timeout_s`), stop the judges and return."""
    settings = uvicorn.Config(
        create_app(config),
        host=config.host,
        port=config.port,
        timeout_graceful_shutdown=math.ceil(config.drain_timeout_s),
        log_level="info",
    )
    uvicorn.Server(settings).run()
