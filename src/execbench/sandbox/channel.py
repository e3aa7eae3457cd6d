"""The trusted end of a Python session's private sockets: framed requests, plain-data replies.

Every reply is a message the kernel timestamps as it is sent, so the time a call ended is known
however late it is read (batched_calls.py holds calls to their limits with it), and replies are
read when the worker rings for it, not one wake-up per reply (inside/call_batch.py)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import time
from abc import abstractmethod
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from execbench.core import Execution
from execbench.sandbox.base import CallOutcome, CallStatus, CallStream, PythonSession
from execbench.sandbox.batched_calls import BatchedStream
from execbench.sandbox.cpu_watch import CpuWatch
from execbench.sandbox.inside.frames import (
    HEADER,
    MAX_SESSION_FRAME,
    FrameTooLarge,
    frame,
    take_frame,
)
from execbench.sandbox.inside.plain import decode_plain, encode_plain
from execbench.sandbox.process_control import wait_ready
from execbench.sandbox.shown import clipped, shown

# The worker's messages hold at most CHUNK_BYTES (inside/call_batch.py): one longer is forged.
_RECEIVE_BYTES = 1 << 17
_STAMP = struct.Struct("@qq")  # struct timespec, as SO_TIMESTAMPNS delivers it
_STAMP_SPACE = socket.CMSG_SPACE(_STAMP.size)
_SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
_REPLY_BUFFER_BYTES = 4 << 20
_MSG_TRUNC = int(socket.MSG_TRUNC)  # a plain int: the enum's `&` costs more than the read


def session_socketpairs() -> tuple[tuple[int, int], tuple[int, int]]:
    """((ours, theirs) for requests, (ours, theirs) for replies): a stream socket carries requests
    one way and the worker's bell the other; a message socket carries replies, ours timestamping
    each message as it is sent."""
    requests = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    replies = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    replies[0].setsockopt(socket.SOL_SOCKET, _SO_TIMESTAMPNS, 1)
    # Room for many replies before the worker must ring to have them read (capped by the system).
    replies[1].setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _REPLY_BUFFER_BYTES)
    return (requests[0].detach(), requests[1].detach()), (replies[0].detach(), replies[1].detach())


class WorkerChannel:
    """Talks to one inside/py_worker.py over the sockets of `session_socketpairs`, within a wall
    deadline and, when `cpu` watches the worker, its CPU budget.

    Replies are read when the worker rings (inside/call_batch.py), when it is gone, and when a
    deadline passes (replies written by then count). `request` returns None when the worker is
    gone, a deadline passed (`timed_out` then says so) or `cpu` found the budget used up: the
    caller ends the session and reports how it ended. After each reply, `sent_at` holds when
    (`time.time()`, the kernel's timestamp) the worker wrote it.
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
        self._replies = socket.socket(fileno=reply_fd)
        self._replies.setblocking(False)
        self.deadline = deadline
        self._exited = exited
        self._cpu = cpu
        self._gone = False  # the worker's end of a socket is closed
        self._truncated = False  # a message was cut short: the replies cannot be read on
        self._buffer = bytearray()
        # Bytes ever read and ever taken off the buffer, and for each message not yet taken
        # whole: the count of bytes read once it was, and when it was sent.
        self._read = self._taken = 0
        self._messages: deque[tuple[int, float]] = deque()
        self.sent_at = 0.0
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
        limits_s: Sequence[float | None],
        budget_s: float | None,
        deadline: float,
    ) -> bool:
        """Send a "calls" request: `name` once per argument list (each already `encode_plain`ed
        into JSON), each within its limit, all within `budget_s`. Read its outcomes with
        `call_reply`, one per call until one is not OK."""
        head = json.dumps(["calls", name])[:-1]
        tail = json.dumps([encode_plain(dict(kwargs)), list(limits_s), budget_s])[1:]
        payload = f"{head},[{','.join(encoded_calls)}],{tail}".encode()
        if not self._send_frame(payload, deadline):
            return False
        self.owed, self.owed_to = len(encoded_calls), sender
        return True

    def call_reply(self, deadline: float) -> CallOutcome | None:
        outcome = self._reply(deadline)
        if outcome is not None:
            self.owed = self.owed - 1 if outcome.status is CallStatus.OK else 0
        return outcome

    def overran(self) -> None:
        """The worker let a call run past its limit: the session ends on a wall limit hit."""
        self.timed_out = True

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
        if frame is None:
            return None
        reply = _load(frame)
        if reply == ["timeout"]:  # the worker's own timer stopped the call (call_batch.py)
            self.overran()
            return None
        return _parse_reply(reply)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._request_fd)
        self._replies.close()

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
                self._note_taken(len(payload) + HEADER.size)
                return payload
            if self._truncated:
                # A message longer than the worker ever writes: what follows cannot be framed.
                self._truncated, self._gone = False, True
                self._buffer.clear()
                return b"a reply longer than one message"
            if self._read_messages():
                continue
            if self._gone:
                return None
            if not wait_ready(self._request_fd, deadline, self._cpu):
                if self._read_messages():  # written in time, though the bell never rang
                    continue
                self._note_overrun()
                return None
            self._hear_bell()

    def _hear_bell(self) -> None:
        try:
            rung = os.read(self._request_fd, 1 << 12)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            rung = b""
        if not rung:
            self._gone = True

    def _read_messages(self) -> bool:
        """Append every message waiting on the reply socket to the buffer; whether any was."""
        got = False
        while True:
            try:
                data, ancillary, flags, _ = self._replies.recvmsg(_RECEIVE_BYTES, _STAMP_SPACE)
            except (BlockingIOError, InterruptedError):
                return got
            except OSError:
                data, flags = b"", 0
            if flags & _MSG_TRUNC:
                self._truncated = True
                return True
            if not data:
                self._gone = True
                return got
            got = True
            sent_at = None
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == _SO_TIMESTAMPNS:
                    seconds, nanoseconds = _STAMP.unpack(value[: _STAMP.size])
                    sent_at = seconds + nanoseconds / 1e9
            if sent_at is None:
                sent_at = time.time()  # the kernel gave no timestamp: when it was read
            self._buffer += data
            self._read += len(data)
            self._messages.append((self._read, sent_at))

    def _note_taken(self, size: int) -> None:
        """A frame of `size` bytes left the buffer's front: note when its last byte was sent."""
        self._taken += size
        while self._messages[0][0] < self._taken:
            self._messages.popleft()
        end, self.sent_at = self._messages[0]
        if end == self._taken:  # that message holds no other frame
            self._messages.popleft()


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
            if reply == ["out_of_time"]:
                return CallOutcome(CallStatus.OUT_OF_TIME)
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
        self,
        name: str,
        calls: Sequence[Sequence[Any]],
        kwargs: Mapping[str, Any] | None = None,
        budget_s: float | None = None,
    ) -> CallStream:
        return BatchedStream(self, name, calls, kwargs or {}, budget_s)

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
