"""The shapes of /v1 requests and answers (OpenAPI at /docs is made from these)."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from execbench.core import Limits, SampleFormat, UserError
from execbench.core.failure_kind import failure_kind
from execbench.judge.single_run import RunVerdict
from execbench.server.judging import Judged

SAMPLE_FIELDS = ("completion", "solution", "response")


class LimitsRequest(BaseModel):
    """Any subset; the rest are the server's own. None may exceed the server's (`--cpu-limit`,
    `--memory-mb`); without `wall_s`, the wall cap follows `cpu_s` as in the CLI."""

    model_config = ConfigDict(extra="forbid")

    cpu_s: float | None = Field(None, gt=0)
    wall_s: float | None = Field(None, gt=0)
    memory_mb: int | None = Field(None, gt=0)
    output_bytes: int | None = Field(None, gt=0)

    def within(self, ceiling: Limits) -> Limits:
        wanted = self.model_dump(exclude_none=True)
        for name, value in wanted.items():
            if value > getattr(ceiling, name):
                raise UserError(
                    f"limits.{name}: {value} is above this server's {getattr(ceiling, name)}"
                )
        limits = ceiling.with_cpu(wanted.pop("cpu_s")) if "cpu_s" in wanted else ceiling
        return replace(limits, **wanted)


def sandbox_files(files: dict[str, bytes], field: str = "files") -> dict[str, bytes]:
    """`files` for the program's working directory: relative paths that stay inside it."""
    for name in files:
        normal = posixpath.normpath(name)
        if (
            not name
            or "\0" in name
            or name.startswith("/")
            or normal == "."
            or normal.startswith("../")
            or normal == ".."
        ):
            raise UserError(
                f"{field}: {name!r} is not a relative path inside the working directory"
            )
    return files


class RunRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str = Field(examples=["python"], description="any language `GET /v1/languages` lists")
    code: str = Field(examples=["print(input()[::-1])"])
    stdin: str = ""
    files: dict[str, str] = Field(
        default_factory=dict, description="relative path -> text, written beside the program"
    )
    limits: LimitsRequest = Field(default_factory=lambda: LimitsRequest())


class RunResponse(BaseModel):
    status: str = Field(
        description="passed (exit 0), error, timeout, memory, compile_error, sandbox_error"
    )
    detail: str
    exit_code: int | None
    signal: int | None
    stdout: str
    stderr: str
    cpu_s: float
    wall_s: float
    memory_kb: int = Field(description="peak resident memory")
    limit_hit: str

    @classmethod
    def of(cls, verdict: Any) -> RunResponse:
        execution = verdict.execution if isinstance(verdict, RunVerdict) else None
        return cls(
            status=str(verdict.status),
            detail=verdict.detail,
            exit_code=execution.exit_code if execution else None,
            signal=execution.signal if execution else None,
            stdout=execution.stdout if execution else "",
            stderr=execution.stderr if execution else "",
            cpu_s=execution.cpu_s if execution else 0.0,
            wall_s=execution.wall_s if execution else 0.0,
            memory_kb=execution.max_rss_kb if execution else 0,
            limit_hit=str(execution.limit_hit) if execution else "none",
        )


class JudgeRequest(BaseModel):
    """A benchmark's task (`benchmark`, `task_id`, `language` for multilingual ones) or an inline
    `task` in the custom-task schema, and one sample: `completion` (appended to the prompt),
    `solution` (a whole program) or `response` (a chat reply the code is extracted from)."""

    model_config = ConfigDict(extra="forbid")

    benchmark: str | None = Field(None, examples=["humaneval"])
    task_id: str | None = Field(None, examples=["HumanEval/0"])
    language: str | None = None
    task: dict[str, Any] | None = Field(None, description="docs/custom-tasks.md")
    completion: str | None = None
    solution: str | None = None
    response: str | None = None

    @model_validator(mode="after")
    def _one_task_one_sample(self) -> JudgeRequest:
        given = [name for name in SAMPLE_FIELDS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(SAMPLE_FIELDS)}")
        if (self.task is None) == (self.benchmark is None):
            raise ValueError("give either benchmark and task_id, or an inline task")
        if self.benchmark is not None and self.task_id is None:
            raise ValueError("task_id is required with benchmark")
        if self.task is not None and (self.task_id or self.language):
            raise ValueError("an inline task carries its own id and language")
        return self

    def sample(self) -> tuple[str, SampleFormat]:
        name = next(name for name in SAMPLE_FIELDS if getattr(self, name) is not None)
        return getattr(self, name), SampleFormat(name)


class JudgeResponse(BaseModel):
    """A results.jsonl line as `execbench evaluate` writes it, with the reward and timings."""

    task_id: str
    status: str
    passed: bool
    reward: float = Field(description="1.0 for a pass, else 0.0")
    tests_passed_fraction: float | None = Field(
        None, description="where the judge counts tests passed (ClassEval's methods); else null"
    )
    detail: str
    error_type: str | None
    failure_kind: str | None
    native_status: str | None
    tests_run: int
    parts: dict[str, tuple[int, int]]
    program_sha256: str
    cpu_s: float
    wall_s: float

    @classmethod
    def of(cls, judged: Judged) -> JudgeResponse:
        verdict, program = judged.verdict, judged.program
        blank = not program.source.strip() or not judged.sample.text.strip()  # as the store says
        totals = [sum(counts) for counts in zip(*verdict.parts.values(), strict=False)]
        return cls(
            task_id=judged.task.task_id,
            status=str(verdict.status),
            passed=verdict.passed,
            reward=1.0 if verdict.passed else 0.0,
            tests_passed_fraction=totals[0] / totals[1] if totals and totals[1] else None,
            detail=verdict.detail,
            error_type=verdict.error_type,
            failure_kind=failure_kind(verdict.status, verdict.error_type, blank),
            native_status=verdict.native_status,
            tests_run=verdict.tests_run,
            parts=dict(verdict.parts),
            program_sha256=program.sha256,
            cpu_s=verdict.cpu_s,
            wall_s=verdict.wall_s,
        )


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[JudgeRequest] = Field(min_length=1)
    stream: bool = Field(
        False,
        description="answer with one JSON line per item as each finishes ({index, ...}), "
        "instead of all together in order",
    )


class BatchResponse(BaseModel):
    results: list[JudgeResponse]
