"""A sandbox that notes what every execution through it used, for cost measurements.

It wraps any backend: each `run` and each Python session's end report an `Execution` (CPU
seconds, peak resident memory), and the judge driving it is unchanged. So the costs of any test
suite's judging (calls, asserts, stdio runs, compiled programs) can be read off one judge call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from execbench.core import Execution, Limits
from execbench.sandbox import CallOutcome, PythonSession, Sandbox
from execbench.sandbox.base import CallStream
from execbench.sandbox.runtime import PythonRuntime


@dataclass
class Usage:
    """What the executions used: CPU seconds in all, the largest peak resident memory, and
    memory x time (each execution's peak MB times its CPU seconds, summed)."""

    cpu_s: float = 0.0
    peak_mb: float = 0.0
    mb_s: float = 0.0
    executions: list[Execution] = field(default_factory=list)

    def add(self, execution: Execution) -> None:
        peak_mb = execution.max_rss_kb / 1024
        self.cpu_s += execution.cpu_s
        self.peak_mb = max(self.peak_mb, peak_mb)
        self.mb_s += peak_mb * execution.cpu_s
        self.executions.append(execution)


class MeasuringSandbox(Sandbox):
    def __init__(self, inner: Sandbox) -> None:
        self.inner = inner
        self.name = inner.name
        self.usage = Usage()

    def layers(self) -> dict[str, str | None]:
        return self.inner.layers()

    def warm(self, modules: Sequence[str]) -> None:
        self.inner.warm(modules)

    @property
    def runtime(self) -> PythonRuntime | None:
        return self.inner.runtime

    def close(self) -> None:
        self.inner.close()

    def open_python(self, limits: Limits) -> PythonSession:
        return _MeasuredSession(self.inner.open_python(limits), self.usage)

    def run(
        self,
        argv: Sequence[str],
        limits: Limits,
        files: Mapping[str, bytes] | None = None,
        stdin: bytes = b"",
    ) -> Execution:
        execution = self.inner.run(argv, limits, files, stdin)
        self.usage.add(execution)
        return execution


class _MeasuredSession(PythonSession):
    def __init__(self, inner: PythonSession, usage: Usage) -> None:
        self._inner = inner
        self._usage = usage
        self._closed: Execution | None = None

    def load(self, source: str) -> CallOutcome:
        return self._inner.load(source)

    def call(
        self,
        name: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> CallOutcome:
        return self._inner.call(name, args, kwargs, timeout_s)

    def stream_calls(
        self,
        name: str,
        calls: Sequence[Sequence[Any]],
        kwargs: Mapping[str, Any] | None = None,
        budget_s: float | None = None,
    ) -> CallStream:
        return self._inner.stream_calls(name, calls, kwargs, budget_s)

    def close(self) -> Execution:
        if self._closed is None:  # judges may close a session twice; count it once
            self._closed = self._inner.close()
            self._usage.add(self._closed)
        return self._closed
