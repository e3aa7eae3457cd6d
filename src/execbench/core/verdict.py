"""The judged outcome of one sample."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    COMPILE_ERROR = "compile_error"
    SANDBOX_ERROR = "sandbox_error"


@dataclass(frozen=True)
class Verdict:
    """`detail` says why, for a person; `error_type` names the exception class, if one was raised.

    `cpu_s` and `wall_s` are measurements, kept in the store and report but out of results.jsonl so
    the same samples always give byte-identical results files. `parts` holds finer-grained
    counts a benchmark reports beside the sample's own verdict, as name -> (passed, total):
    ClassEval's methods, for instance. `native_status` is the benchmark's own word for the
    outcome where its harness has one (MultiPL-E and HumanEval-X: OK, Exception, SyntaxError,
    Timeout), kept so scores can be set beside published ones; None elsewhere. `measures` holds
    what efficiency metrics read (ENAMEL's per-level efficiency, counted lines, costs): plain data,
    kept in the store beside the timings and, like them, out of results.jsonl.
    """

    status: Status
    detail: str = ""
    error_type: str | None = None
    tests_run: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0
    parts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    native_status: str | None = None
    measures: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED
