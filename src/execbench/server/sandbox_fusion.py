"""SandboxFusion's `POST /run_code`, so that clients written against it (veRL's sandbox reward,
for one) work by changing only the URL.

Request and answer keep SandboxFusion's field names and status words (sandbox/server/
sandbox_api.py and sandbox/runners/types.py in bytedance/SandboxFusion): `status` is `Success`
(everything finished with return code 0), `Failed` (a non-zero return code or a time limit) or
`SandboxError` (the harness failed); `compile_result` and `run_result` each hold `status`
(`Finished`, `TimeLimitExceeded`, `Error`), `execution_time`, `return_code`, `stdout`,
`stderr`. Differences, on purpose: `run_timeout` is a CPU budget, with a wall cap of twice that
plus 2 s, as everywhere in execbench; compiling gets the language's own limits (and is cached),
whatever `compile_timeout` says; `fetch_files` is refused (the sandbox gives back output, not
files); a language SandboxFusion knows but execbench does not run answers `SandboxError`.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import replace
from enum import StrEnum

from pydantic import BaseModel, Field

from execbench.core import Execution, LimitHit, Limits, Status, UserError, Verdict
from execbench.judge.single_run import RunVerdict
from execbench.server.schemas import sandbox_files

# SandboxFusion's language names -> execbench's; the rest of its list is not run here.
LANGUAGES = {
    "python": "python",
    "cpp": "cpp",
    "nodejs": "javascript",
    "go": "go",
    "java": "java",
    "php": "php",
    "csharp": "csharp",
    "bash": "bash",
    "typescript": "typescript",
    "rust": "rust",
    "lua": "lua",
    "R": "r",
    "perl": "perl",
    "ruby": "ruby",
    "scala": "scala",
    "julia": "julia",
    "swift": "swift",
    "racket": "racket",
}
NOT_RUN_HERE = (
    "go_test", "sql", "cuda", "D_ut", "pytest", "junit", "kotlin_script", "jest", "verilog",
    "python_gpu", "lean",
)  # fmt: skip


class RunStatus(StrEnum):
    SUCCESS = "Success"
    FAILED = "Failed"
    SANDBOX_ERROR = "SandboxError"


class CommandRunStatus(StrEnum):
    FINISHED = "Finished"
    ERROR = "Error"
    TIME_LIMIT_EXCEEDED = "TimeLimitExceeded"


class RunCodeRequest(BaseModel):
    compile_timeout: float = Field(10, description="accepted; the language's own limits apply")
    run_timeout: float = Field(10, gt=0, description="CPU seconds (wall cap: twice, plus 2 s)")
    memory_limit_MB: int = Field(-1, description="-1: the server's limit")
    code: str
    stdin: str | None = None
    language: str = Field(examples=["python"])
    files: dict[str, str | None] = Field(
        default_factory=dict, description="path -> base64 content (None: skipped)"
    )
    fetch_files: list[str] = Field(default_factory=list, description="not supported: must be []")

    def limits(self, ceiling: Limits) -> Limits:
        if self.run_timeout > ceiling.cpu_s:
            raise UserError(
                f"run_timeout {self.run_timeout} is above this server's {ceiling.cpu_s}"
            )
        if self.memory_limit_MB > ceiling.memory_mb:
            raise UserError(
                f"memory_limit_MB {self.memory_limit_MB} is over this server's {ceiling.memory_mb}"
            )
        limits = ceiling.with_cpu(self.run_timeout)
        if self.memory_limit_MB > 0:
            limits = replace(limits, memory_mb=self.memory_limit_MB)
        return limits

    def decoded_files(self) -> dict[str, bytes]:
        files = {}
        for name, content in self.files.items():
            if content is None:  # SandboxFusion skips these too
                continue
            try:
                files[name] = base64.b64decode(content, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise UserError(f"files[{name!r}]: not base64 ({exc})") from exc
        return sandbox_files(files)


class CommandRunResult(BaseModel):
    status: CommandRunStatus
    execution_time: float | None = None
    return_code: int | None = None
    stdout: str | None = None
    stderr: str | None = None


class RunCodeResponse(BaseModel):
    status: RunStatus
    message: str
    compile_result: CommandRunResult | None = None
    run_result: CommandRunResult | None = None
    executor_pod_name: str | None = None
    files: dict[str, str] = Field(default_factory=dict)


def not_run_here(language: str) -> RunCodeResponse:
    return RunCodeResponse(
        status=RunStatus.SANDBOX_ERROR, message=f"language {language!r} is not run by execbench"
    )


def answer(verdict: Verdict) -> RunCodeResponse:
    """The SandboxFusion answer for a run's verdict (judge/single_run.py)."""
    execution = verdict.execution if isinstance(verdict, RunVerdict) else None
    compiled = isinstance(verdict, RunVerdict) and verdict.compiled
    compile_result = _compile_result(verdict, execution) if compiled else None
    run_result = _run_result(execution) if execution is not None else None
    results = [result for result in (compile_result, run_result) if result is not None]
    errors = [result for result in results if result.status is CommandRunStatus.ERROR]
    if errors or not results:
        message = (errors[0].stderr if errors else None) or verdict.detail
        return RunCodeResponse(
            status=RunStatus.SANDBOX_ERROR,
            message=message,
            compile_result=compile_result,
            run_result=run_result,
        )
    failed = any(
        result.status is CommandRunStatus.TIME_LIMIT_EXCEEDED or result.return_code != 0
        for result in results
    )
    return RunCodeResponse(
        status=RunStatus.FAILED if failed else RunStatus.SUCCESS,
        message="",
        compile_result=compile_result,
        run_result=run_result,
    )


def _compile_result(verdict: Verdict, execution: Execution | None) -> CommandRunResult | None:
    if execution is not None:  # it built (perhaps long ago: builds are cached)
        return CommandRunResult(
            status=CommandRunStatus.FINISHED, return_code=0, stdout="", stderr=""
        )
    if verdict.status is Status.COMPILE_ERROR:
        return CommandRunResult(
            status=CommandRunStatus.FINISHED, return_code=1, stdout="", stderr=verdict.detail
        )
    if verdict.status is Status.TIMEOUT:
        return CommandRunResult(status=CommandRunStatus.TIME_LIMIT_EXCEEDED, stderr=verdict.detail)
    return CommandRunResult(status=CommandRunStatus.ERROR, stderr=verdict.detail)


def _run_result(execution: Execution) -> CommandRunResult:
    if execution.sandbox_error:
        return CommandRunResult(status=CommandRunStatus.ERROR, stderr=execution.sandbox_error)
    if execution.limit_hit in (LimitHit.CPU, LimitHit.WALL):
        status, return_code = CommandRunStatus.TIME_LIMIT_EXCEEDED, None
    else:  # a signal reads as Python's subprocess gives it: its number, negated
        status = CommandRunStatus.FINISHED
        return_code = execution.exit_code if execution.signal is None else -execution.signal
    return CommandRunResult(
        status=status,
        execution_time=execution.wall_s,
        return_code=return_code,
        stdout=execution.stdout,
        stderr=execution.stderr,
    )
