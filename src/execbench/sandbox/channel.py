"""The trusted end of a Python session's private pipes: framed requests, plain-data replies."""

from __future__ import annotations

import contextlib
import json
import os
import time
from abc import abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from execbench.core import Execution
from execbench.sandbox.base import CallOutcome, CallStatus, CallStream, PythonSession
from execbench.sandbox.cpu_watch import CpuWatch
from execbench.sandbox.inside.frames import MAX_SESSION_FRAME, FrameTooLarge, frame, take_frame
from execbench.sandbox.inside.plain import decode_plain, encode_plain
from execbench.sandbox.process_control import wait_ready
from execbench.sandbox.shown import clipped, shown


class WorkerChannel:
    """Talks to one inside/py_worker.py over a request pipe and a reply pipe, within a wall
    deadline and, when `cpu` watches the worker, its CPU budget.

    `request` returns None when the worker is gone, a deadline passed (`timed_out` then says so)
    or `cpu` found the budget used up: the caller ends the session and reports how it ended.
    """

    def __init__(
        self,
        request_fd: int,
        reply_fd: int,
        deadline: float,
        exited: Callable[[], bool],
        cpu: CpuWatch | None = None,
    ) -> None:
        self._request_fd = request_fd
        self._reply_fd = reply_fd
        self.deadline = deadline
        self._exited = exited
        self._cpu = cpu
        self._buffer = bytearray()
        self.timed_out = False
        # Replies still to come for the "calls" request in flight, and who sent it.
        self.owed = 0
        self.owed_to: object = None
        os.set_blocking(request_fd, False)

    def load(self, source: str) -> CallOutcome | None:
        return self.request(["load", source], self.deadline)

    def call(
        self, name: str, args: Sequence[Any], kwargs: Mapping[str, Any], timeout_s: float | None
    ) -> CallOutcome | None:
        message = ["call", name, encode_plain(list(args)), encode_plain(dict(kwargs))]
        return self.request(message, self.deadline_after(time.monotonic(), timeout_s))

    def request(self, message: list, deadline: float) -> CallOutcome | None:
        if not self._send_frame(json.dumps(message).encode(), deadline):
            return None
        return self._reply(deadline)

    def send_calls(
        self,
        sender: object,
        name: str,
        encoded_calls: Sequence[str],
        kwargs: Mapping[str, Any],
        deadline: float,
    ) -> bool:
        """Send a "calls" request: `name` once per argument list (each already `encode_plain`ed
        into JSON). Read its outcomes with `call_reply`, one per call until one is not OK."""
        head = json.dumps(["calls", name])[:-1]
        tail = json.dumps(encode_plain(dict(kwargs)))
        payload = f"{head},[{','.join(encoded_calls)}],{tail}]".encode()
        if not self._send_frame(payload, deadline):
            return False
        self.owed, self.owed_to = len(encoded_calls), sender
        return True

    def call_reply(self, deadline: float) -> CallOutcome | None:
        outcome = self._reply(deadline)
        if outcome is not None:
            self.owed = self.owed - 1 if outcome.status is CallStatus.OK else 0
        return outcome

    def deadline_after(self, start: float, timeout_s: float | None) -> float:
        if timeout_s is None:
            return self.deadline
        return min(self.deadline, start + timeout_s)

    def _send_frame(self, payload: bytes, deadline: float) -> bool:
        if self.owed:
            # The worker would answer after the batch's replies, which are still being read.
            raise RuntimeError("a batch of calls is still streaming its outcomes")
        return self._send(frame(payload), deadline)

    def _reply(self, deadline: float) -> CallOutcome | None:
        frame = self._receive(deadline)
        return None if frame is None else _parse_reply(_load(frame))

    def close(self) -> None:
        for fd in (self._request_fd, self._reply_fd):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _send(self, data: bytes, deadline: float) -> bool:
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self._request_fd, view) :]
            except BlockingIOError:
                if not wait_ready(self._request_fd, deadline, self._cpu, writing=True):
                    self._note_overrun()
                    return False
            except BrokenPipeError:
                return False  # the worker closed its end: it can only be ended now
            except InterruptedError:
                continue
        return True

    def _note_overrun(self) -> None:
        over_cpu = self._cpu is not None and self._cpu.exceeded
        self.timed_out = not over_cpu and not self._exited()

    def _receive(self, deadline: float) -> bytes | None:
        """The next reply's payload, or None: the worker is gone, overran, or announced a reply
        too large to take (then it can only be ended)."""
        while True:
            try:
                payload = take_frame(self._buffer, MAX_SESSION_FRAME)
            except FrameTooLarge:
                return None
            if payload is not None:
                return payload
            if not wait_ready(self._reply_fd, deadline, self._cpu):
                self._note_overrun()
                return None
            chunk = os.read(self._reply_fd, 1 << 20)
            if not chunk:
                return None
            self._buffer += chunk


def _no_objects(pairs: list) -> None:
    raise ValueError("a reply holds JSON arrays, numbers and strings only")


# `json.loads` spends longer guessing the encoding and skipping whitespace around a short reply
# than parsing it; the worker writes compact ASCII JSON, so the scan alone does. Plain data never
# holds a JSON object: one would become a dict built from untrusted keys, so none is accepted.
_DECODER = json.JSONDecoder(object_pairs_hook=_no_objects)
# An exception's type name and message as far as a verdict shows them (py_worker.py sends less).
_MAX_NAME = 200
_MAX_MESSAGE = 4000


def _load(frame: bytes) -> object:
    try:
        text = frame.decode()
        value, end = _DECODER.raw_decode(text)
    except (ValueError, RecursionError):
        return frame[:200]
    return value if end == len(text) else frame[:200]


def _parse_reply(reply: object) -> CallOutcome:
    if isinstance(reply, list) and reply:
        try:
            if reply[0] == "ok":
                return CallOutcome(CallStatus.OK, value=decode_plain(reply[1]))
            if reply[0] == "raised":
                error_type, message = _text(reply[1], _MAX_NAME), _text(reply[2], _MAX_MESSAGE)
                return CallOutcome(CallStatus.RAISED, error_type=error_type, message=message)
            if reply[0] == "bad_value":
                return CallOutcome(CallStatus.BAD_VALUE, error_type=_text(reply[1], _MAX_NAME))
        except (ValueError, TypeError, IndexError, KeyError, RecursionError):
            pass
    return _malformed(reply)


def _text(value: object, most: int) -> str:
    if type(value) is not str:
        raise TypeError("a name or message is a string")
    return clipped(value, most)


def _malformed(reply: object) -> CallOutcome:
    return CallOutcome(CallStatus.BAD_VALUE, error_type="malformed reply", message=shown(reply))


class ChannelSession(PythonSession):
    """A Python session whose worker answers over a `WorkerChannel`.

    Subclasses set `_channel` (None when the worker could not be set up, with `_execution`
    already saying why) and implement `_stop`: end the worker and report how it ended.
    """

    _channel: WorkerChannel | None = None
    _execution: Execution | None = None

    def load(self, source: str) -> CallOutcome:
        channel = self._live_channel()
        return (channel and channel.load(source)) or self._died()

    def call(
        self,
        name: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> CallOutcome:
        channel = self._live_channel()
        return (channel and channel.call(name, args, kwargs, timeout_s)) or self._died()

    def stream_calls(
        self, name: str, calls: Sequence[Sequence[Any]], kwargs: Mapping[str, Any] | None = None
    ) -> CallStream:
        return _ChannelStream(self, name, calls, kwargs or {})

    def close(self) -> Execution:
        if self._execution is None:
            self._execution = self._stop()
        if self._channel is not None:
            self._channel.close()
        return self._execution

    @abstractmethod
    def _stop(self) -> Execution: ...

    def _live_channel(self) -> WorkerChannel | None:
        return self._channel if self._execution is None else None

    def _died(self) -> CallOutcome:
        return CallOutcome(CallStatus.DIED, execution=self.close())


# Each "calls" request carries at most this many calls, and stops taking more once its arguments
# reach this size: requests stay small, and a sample that fails early leaves little work done in
# vain (the worker runs ahead through the calls it was sent).
REQUEST_CALLS = 64
REQUEST_BYTES = 1 << 20


class _ChannelStream(CallStream):
    """Calls sent in requests of bounded size; the worker answers each call as it returns."""

    _session: ChannelSession
    _since = 0.0  # when the last outcome arrived or the last request went out

    def _next(self, timeout_s: float | None) -> CallOutcome:
        channel = self._session._live_channel()
        if channel is None:
            return self._session._died()
        if not channel.owed:
            encoded = self._encode_request()
            self._since = time.monotonic()
            deadline = channel.deadline_after(self._since, timeout_s)
            if not channel.send_calls(self, self._name, encoded, self._kwargs, deadline):
                return self._session._died()
        elif channel.owed_to is not self:
            raise RuntimeError("another batch of calls is still streaming its outcomes")
        outcome = channel.call_reply(channel.deadline_after(self._since, timeout_s))
        self._since = time.monotonic()
        return outcome or self._session._died()

    def _encode_request(self) -> list[str]:
        """The calls of the next request: from the next unread one (the worker stops after an
        outcome that is not OK, and reading on resumes there), within the size bounds."""
        start = len(self._calls) - self._unread
        encoded: list[str] = []
        size = 0
        for index in range(start, min(len(self._calls), start + REQUEST_CALLS)):
            if size >= REQUEST_BYTES:
                break
            encoded.append(self._calls.encoded(index))
            size += len(encoded[-1])
        return encoded
