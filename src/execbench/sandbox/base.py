"""The sandbox interface: run untrusted code under limits and report what happened.

Two ways in. `open_python` starts a live Python interpreter holding a candidate program and
answers calls into it across the boundary (plain data only), so trusted test code can run outside.
`run` executes a command over a set of files with stdin, for whole programs and other languages.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, overload

from execbench.core import Execution, Limits
from execbench.sandbox.inside.plain import encode_plain
from execbench.sandbox.runtime import PythonRuntime


class CallStatus(StrEnum):
    OK = "ok"
    RAISED = "raised"
    BAD_VALUE = "bad_value"
    DIED = "died"
    OUT_OF_TIME = "out_of_time"  # a batch's budget was used up before this call began


@dataclass(frozen=True)
class CallOutcome:
    """The result of one request to a Python session.

    OK carries `value` (plain data). RAISED carries the exception's type name and message.
    BAD_VALUE: the candidate returned something that is not plain data (`error_type` names it).
    DIED: the process is gone or was stopped (limits, crash); `execution` says how.
    OUT_OF_TIME: the call was not made, its batch's time budget being used up (the session stays).
    """

    status: CallStatus
    value: Any = None
    error_type: str | None = None
    message: str = ""
    execution: Execution | None = None


class CallBatch(Sequence[Sequence[Any]]):
    """Argument lists for `PythonSession.stream_calls`, to be streamed to many sessions (a task's
    cases, to each of its samples): each list is encoded for the wire at most once, when first
    sent, and kept. The lists must not change while the batch lives.

    `limits_s`: each call's own wall-time limit (None: only the session's)."""

    def __init__(
        self,
        calls: Sequence[Sequence[Any]],
        limits_s: Sequence[float | None] | None = None,
    ) -> None:
        self._calls = calls
        self._encoded: list[str | None] = [None] * len(calls)
        self.limits_s: Sequence[float | None] = limits_s or [None] * len(calls)
        if len(self.limits_s) != len(calls):
            raise ValueError("a batch has one limit per call")

    def __len__(self) -> int:
        return len(self._calls)

    @overload
    def __getitem__(self, index: int) -> Sequence[Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[Any]]: ...
    def __getitem__(self, index: int | slice) -> Sequence[Any] | Sequence[Sequence[Any]]:
        return self._calls[index]

    def encoded(self, index: int) -> str:
        """The argument list as inside/py_worker.py reads it: `encode_plain`ed, as JSON."""
        text = self._encoded[index]
        if text is None:
            text = self._encoded[index] = json.dumps(encode_plain(list(self._calls[index])))
        return text


class CallStream(ABC):
    """The outcomes of a batch of calls to one function, read one by one.

    Each call gets its own limit (`CallBatch.limits_s`) of wall time, from the end of the call
    before it (or from the start of the batch), and the batch `budget_s` in all: a call that
    overruns its limit ends the session (DIED, with a wall limit hit); once the budget is used
    up, the next call is not made (OUT_OF_TIME), and one running then ends the session. A backend
    may run calls ahead of the reading, but never past an outcome that is not OK: the calls after
    it are made only if their outcomes are read.
    """

    def __init__(
        self,
        session: PythonSession,
        name: str,
        calls: Sequence[Sequence[Any]],
        kwargs: Mapping[str, Any],
        budget_s: float | None = None,
    ) -> None:
        self._session = session
        self._name = name
        self._calls = calls if isinstance(calls, CallBatch) else CallBatch(calls)
        self._kwargs = kwargs
        self._budget_s = budget_s
        self._unread = len(calls)
        self.position = 0  # the index of the call whose outcome `next` returns

    def next(self) -> CallOutcome:
        """The next call's outcome."""
        if not self._unread:
            raise RuntimeError("every outcome of this batch has been read")
        outcome = self._next()
        self._unread -= 1
        self.position += 1
        return outcome

    @abstractmethod
    def _next(self) -> CallOutcome: ...


class _CallByCall(CallStream):
    """Each call made when its outcome is read, timed here."""

    _deadline: float | None = None

    def _next(self) -> CallOutcome:
        now = time.monotonic()
        if self._deadline is None and self._budget_s is not None:
            self._deadline = now + self._budget_s
        timeout = self._calls.limits_s[self.position]
        if self._deadline is not None:
            remaining = self._deadline - now
            if remaining <= 0:
                return CallOutcome(CallStatus.OUT_OF_TIME)
            timeout = remaining if timeout is None else min(timeout, remaining)
        args = self._calls[self.position]
        return self._session.call(self._name, args, self._kwargs, timeout)


class PythonSession(ABC):
    """One candidate program loaded in one sandboxed interpreter. Always `close()` it."""

    @abstractmethod
    def load(self, source: str) -> CallOutcome: ...

    @abstractmethod
    def call(
        self,
        name: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> CallOutcome:
        """Call `name`; past `timeout_s` wall seconds (or the session's deadline) the session ends
        and the outcome is DIED with a wall limit hit."""

    def stream_calls(
        self,
        name: str,
        calls: Sequence[Sequence[Any]],
        kwargs: Mapping[str, Any] | None = None,
        budget_s: float | None = None,
    ) -> CallStream:
        """Call `name` once per argument list, in order, within the limits `CallStream` states;
        read each outcome with `next()`. Pass a `CallBatch` to stream the same calls to many
        sessions without encoding them again, and to give each call its own limit.

        This default makes each call when its outcome is read; a backend may run the calls ahead
        and stream their outcomes, as long as each is held to its limits.
        """
        return _CallByCall(self, name, calls, kwargs or {}, budget_s)

    @abstractmethod
    def close(self) -> Execution:
        """Stop the interpreter and everything it started; report resource use."""

    def __enter__(self) -> PythonSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# Every isolation layer a backend may give, in the order `execbench doctor` lists them.
ISOLATION_LAYERS = (
    "user",
    "network",
    "ipc",
    "filesystem",
    "pid",
    "capabilities",
    "cgroup-memory",
    "cgroup-pids",
    "rlimits",
    "environment",
)


class IsolationWarning(UserWarning):
    """An isolation layer is not active on this machine, or the chosen backend has none."""


class Sandbox(ABC):
    name: str
    # What a user must know before this backend runs anything (None: nothing), said once by
    # whoever chose it (registry.py), not by each judge worker that builds one.
    caveat: ClassVar[str | None] = None

    def layers(self) -> dict[str, str | None]:
        """Each isolation layer, mapped to None when it is active here or to why it is not."""
        provided = self._provided_layers()
        return {
            layer: None if layer in provided else f"not provided by the {self.name!r} backend"
            for layer in ISOLATION_LAYERS
        }

    def _provided_layers(self) -> frozenset[str]:
        return frozenset()

    def close(self) -> None:  # noqa: B027 - most backends hold nothing
        """Release what the backend holds between executions (servers, cgroups)."""

    @property
    def runtime(self) -> PythonRuntime | None:
        """The Python this backend runs Python programs with instead of the language spec's
        own: a benchmark's environment (None: execbench's own)."""
        return None

    def warm(self, modules: Sequence[str]) -> None:  # noqa: B027 - most backends start cold
        """Python modules the programs will import: a backend that keeps warm interpreters
        imports them in advance (and lets samples import them)."""

    @abstractmethod
    def open_python(self, limits: Limits) -> PythonSession: ...

    @abstractmethod
    def run(
        self,
        argv: Sequence[str],
        limits: Limits,
        files: Mapping[str, bytes] | None = None,
        stdin: bytes = b"",
    ) -> Execution:
        """Run `argv` in a fresh working directory holding `files`; capture capped output."""
