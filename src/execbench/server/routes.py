"""The endpoints: /health, /v1/{benchmarks,languages,run,judge,judge/batch}, and /run_code.

Each request is admitted first (a bounded queue, a share per token: 429 past them), then judged
by the executor; a client that disconnects has its work cancelled (jobs not yet started are
dropped; one already running ends within its limits).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from execbench.api import BenchmarkInfo, list_benchmarks
from execbench.core import UserError
from execbench.languages import language_statuses
from execbench.server import sandbox_fusion
from execbench.server.admission import Admission
from execbench.server.config import ServerConfig
from execbench.server.guards import caller_key, unless_disconnected
from execbench.server.judging import Judged, Judging, Submission
from execbench.server.schemas import (
    BatchRequest,
    BatchResponse,
    JudgeRequest,
    JudgeResponse,
    RunRequest,
    RunResponse,
    sandbox_files,
)

T = TypeVar("T")
router = APIRouter()


@dataclass
class Service:
    config: ServerConfig
    judging: Judging
    admission: Admission
    benchmarks: list[BenchmarkInfo] | None = field(default=None)

    async def timed(self, work: Awaitable[T]) -> T:
        with self.admission.timed():
            return await work

    async def judge(self, submission: Submission) -> Judged:
        return await self.timed(self.judging.judge(submission))

    async def submission(self, item: JudgeRequest, where: str = "") -> Submission:
        text, form = item.sample()
        try:
            if item.task is not None:
                return self.judging.inline_submission(item.task, f"{where}task", text, form)
            assert item.benchmark is not None and item.task_id is not None
            return await self.judging.benchmark_submission(
                item.benchmark, item.task_id, item.language, text, form
            )
        except UserError as exc:
            if not where:
                raise
            raise UserError(f"{where}{exc}") from exc


def service(request: Request) -> Service:
    return request.app.state.service


def caller(request: Request) -> str:
    """The caller's key for the per-token limits; 401 without a token the server accepts."""
    key = caller_key(request.headers.get("authorization"), service(request).config.tokens)
    if key is None:
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return key


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    admission = service(request).admission
    return {"status": "ok", "admitted_jobs": admission.admitted, "capacity": admission.capacity}


@router.get("/v1/benchmarks", dependencies=[Depends(caller)])
async def benchmarks(request: Request) -> list[dict[str, Any]]:
    """Every registered benchmark, with its task count where its data is on the server."""
    found = service(request)
    if found.benchmarks is None:
        found.benchmarks = await asyncio.to_thread(list_benchmarks, found.config.load)
    return [asdict(info) for info in found.benchmarks]


@router.get("/v1/languages", dependencies=[Depends(caller)])
async def languages() -> list[dict[str, Any]]:
    """Every registered language, whether its toolchain is on the server, and why not."""
    return [row.as_json() for row in await asyncio.to_thread(language_statuses)]


@router.post("/v1/run")
async def run(body: RunRequest, request: Request, who: str = Depends(caller)) -> RunResponse:
    """Run a program once: how it ended, its output (capped at `limits.output_bytes`), its use."""
    found = service(request)
    limits = body.limits.within(found.config.ceiling)
    files = sandbox_files({name: text.encode() for name, text in body.files.items()})
    with found.admission.admit(who):
        work = found.judging.run(body.language, body.code, body.stdin.encode(), files, limits)
        verdict = await unless_disconnected(request.receive, found.timed(work))
    return RunResponse.of(verdict)


@router.post("/v1/judge")
async def judge(body: JudgeRequest, request: Request, who: str = Depends(caller)) -> JudgeResponse:
    """One sample on one task: the verdict `execbench evaluate` gives it, with its reward."""
    found = service(request)
    with found.admission.admit(who):
        submission = await found.submission(body)
        judged = await unless_disconnected(request.receive, found.judge(submission))
    return JudgeResponse.of(judged)


@router.post("/v1/judge/batch", response_model=BatchResponse)
async def judge_batch(body: BatchRequest, request: Request, who: str = Depends(caller)) -> Any:
    """Many samples: all together in order, or (`stream`) one NDJSON line each as it finishes."""
    found = service(request)
    held = ExitStack()
    held.enter_context(found.admission.admit(who, len(body.items)))
    try:
        submissions = [
            await found.submission(item, f"items[{index}].")
            for index, item in enumerate(body.items)
        ]
    except BaseException:
        held.close()
        raise
    if not body.stream:
        with held:
            work = asyncio.gather(*map(found.judge, submissions))
            judged = await unless_disconnected(request.receive, work)
        return BatchResponse(results=[JudgeResponse.of(each) for each in judged])
    # Released when the stream ends, or is cut off, or (the task) if it never starts.
    return StreamingResponse(
        _lines(found, submissions, held),
        media_type="application/x-ndjson",
        background=BackgroundTask(held.close),
    )


async def _lines(
    found: Service, submissions: list[Submission], held: ExitStack
) -> AsyncIterator[str]:
    async def indexed(index: int, submission: Submission) -> tuple[int, Judged]:
        return index, await found.judge(submission)

    jobs = [asyncio.ensure_future(indexed(i, each)) for i, each in enumerate(submissions)]
    try:
        for finished in asyncio.as_completed(jobs):
            index, judged = await finished
            line = {"index": index, **JudgeResponse.of(judged).model_dump()}
            yield json.dumps(line) + "\n"
    finally:  # the client gone: what has not started is dropped
        for job in jobs:
            job.cancel()
        held.close()


@router.post("/run_code", response_model=sandbox_fusion.RunCodeResponse)
async def run_code(
    body: sandbox_fusion.RunCodeRequest, request: Request, who: str = Depends(caller)
) -> Any:
    """SandboxFusion's /run_code (see server/sandbox_fusion.py for the differences)."""
    found = service(request)
    if body.fetch_files:
        raise UserError("fetch_files is not supported: the sandbox gives back output, not files")
    if body.language not in sandbox_fusion.LANGUAGES:
        if body.language in sandbox_fusion.NOT_RUN_HERE:
            return sandbox_fusion.not_run_here(body.language)
        # SandboxFusion's own answer to a language outside its list: a validation error.
        raise HTTPException(422, f"language {body.language!r} is not one of SandboxFusion's")
    limits = body.limits(found.config.ceiling)
    files = body.decoded_files()
    stdin = (body.stdin or "").encode()
    language = sandbox_fusion.LANGUAGES[body.language]
    with found.admission.admit(who):
        work = found.judging.run(language, body.code, stdin, files, limits)
        verdict = await unless_disconnected(request.receive, found.timed(work))
    return sandbox_fusion.answer(verdict)
