"""What a judge worker tells the pool's watchdog: how long its job may still take.

The pool (engine/pool.py) grants the job a worker runs `stall_s` seconds of trusted work from the
beat that says the job started, and kills the worker once that has passed with no news. The news is
a beat sent as the job starts a sandboxed run or session: that operation may last its wall limit,
and `stall_s` more is granted for the trusted work after it. Every stretch of trusted work between
two sandbox operations is thus bounded from outside, whatever it does (a C call that no alarm
interrupts, a plug-in judge that loops). Beats are sent only when the time already granted would
not cover the operation, so a job of many short operations sends a few.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from execbench.core import Execution, Limits
from execbench.sandbox import PythonSession, Sandbox
from execbench.sandbox.runtime import PythonRuntime

BEAT = "beat"  # the message: (BEAT, job id, seconds from now the job may still take)


class Heartbeat:
    def __init__(self, stall_s: float, send: Callable[[tuple], None]) -> None:
        self._stall_s = stall_s
        self._send = send
        self._job: int | None = None
        self._granted_until = 0.0  # what the pool has been told, by this process's clock

    def start(self, job: int) -> None:
        """`job` starts now: it is granted `stall_s` from now."""
        self._job = job
        self._granted_until = time.monotonic() + self._stall_s
        self._send((BEAT, job, self._stall_s))

    def operation(self, wall_s: float) -> None:
        """A sandbox operation of at most `wall_s` seconds starts now."""
        if self._job is None:
            return
        now = time.monotonic()
        # Keep at least half the allowance for the trusted work after it.
        if now + wall_s + self._stall_s / 2 <= self._granted_until:
            return
        seconds = wall_s + self._stall_s
        self._granted_until = now + seconds
        self._send((BEAT, self._job, seconds))


class WatchedSandbox(Sandbox):
    """A sandbox whose every run and session announces itself to a `Heartbeat` first."""

    def __init__(self, inner: Sandbox, heartbeat: Heartbeat) -> None:
        self._inner = inner
        self._heartbeat = heartbeat
        self.name = inner.name

    def layers(self) -> dict[str, str | None]:
        return self._inner.layers()

    def close(self) -> None:
        self._inner.close()

    def warm(self, modules: Sequence[str]) -> None:
        self._inner.warm(modules)

    @property
    def runtime(self) -> PythonRuntime | None:
        return self._inner.runtime

    def open_python(self, limits: Limits) -> PythonSession:
        # Every call of a session ends by the session's own wall deadline.
        self._heartbeat.operation(limits.wall_s)
        return self._inner.open_python(limits)

    def run(
        self,
        argv: Sequence[str],
        limits: Limits,
        files: Mapping[str, bytes] | None = None,
        stdin: bytes = b"",
    ) -> Execution:
        self._heartbeat.operation(limits.wall_s)
        return self._inner.run(argv, limits, files, stdin)
