"""Replies that do not wake the trusted side one by one, and calls held to their own limits here.

Standard library only. Each reply is written at once on the reply socket, whose every message the
kernel timestamps with the time it was sent (sandbox/channel.py), so the trusted side knows when
each call ended without waiting on each; it waits on a bell instead, which `ReplyWriter.ring`
sounds (a byte on the request socket) when the replies it needs now are written: at the end of a
request, when the reply socket is full, and every `RING_EVERY_S` while a request runs, so that a
wrong answer is seen (and the sample ended) soon, however many calls the request still holds. A
process that ends leaves every reply it wrote readable.

py_worker.py runs a "calls" request through `run_batch`: the calls in order, each under an
interval timer of its own wall-time limit (and what is left of the batch's budget). The timer is
a courtesy to well-behaved programs, which it stops at their limit exactly; the trusted side
checks every call's time on the kernel's timestamps, and ends on its own a program that disarmed
or caught the timer (sandbox/batched_calls.py).

Replies are those of py_worker.py, plus ["timeout"] (the call ran past its limit: the process
then ends) and ["out_of_time"] (the budget was used up before the call began).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import time
from collections.abc import Callable, Sequence

from .frames import frame

# A SOCK_SEQPACKET write is one message, at most the socket's buffer: larger replies go in parts.
CHUNK_BYTES = 1 << 16
_SOON_S = 1e-6  # a timer of 0 would be no timer
# How long replies may wait unread while a request runs: what a failing sample may waste.
RING_EVERY_S = 0.01


class ReplyWriter:
    """Writes framed replies to `reply_fd` at once; rings `bell_fd` when asked, when the reply
    socket is full (the trusted side then reads, and room is made), and after a reply written
    `RING_EVERY_S` or more after the last ring."""

    def __init__(self, reply_fd: int, bell_fd: int, dumps: Callable[[object], str]) -> None:
        self._reply_fd = reply_fd
        self._bell_fd = bell_fd
        self._dumps = dumps
        self._rung_at = time.monotonic()
        os.set_blocking(reply_fd, False)

    def add(self, reply: list) -> None:
        view = memoryview(frame(self._dumps(reply).encode()))
        while view:
            try:
                view = view[os.write(self._reply_fd, view[:CHUNK_BYTES]) :]
            except BlockingIOError:
                self.ring()
                select.select([], [self._reply_fd], [])
        view.release()
        if time.monotonic() - self._rung_at >= RING_EVERY_S:
            self.ring()

    def ring(self) -> None:
        self._rung_at = time.monotonic()
        # The request end is a pipe, not a socket, only when a test drives the worker by hand.
        with contextlib.suppress(OSError):
            os.write(self._bell_fd, b"!")


def run_batch(
    writer: ReplyWriter,
    call: Callable[[list], list],
    all_args: Sequence[list],
    limits_s: Sequence[float | None],
    budget_s: float | None,
) -> None:
    """Make each call, reply to each; stop after the first reply that is not OK."""
    started = time.monotonic()

    def overran(signum: int, frame: object) -> None:
        writer.add(["timeout"])
        writer.ring()
        os._exit(0)

    previous = signal.signal(signal.SIGALRM, overran)
    try:
        for args, limit in zip(all_args, limits_s, strict=True):
            allowed = limit
            if budget_s is not None:
                remaining = budget_s - (time.monotonic() - started)
                if remaining <= 0:
                    writer.add(["out_of_time"])
                    break
                allowed = remaining if allowed is None else min(allowed, remaining)
            if allowed is not None:
                signal.setitimer(signal.ITIMER_REAL, max(allowed, _SOON_S))
            outcome = call(args)
            signal.setitimer(signal.ITIMER_REAL, 0)
            writer.add(outcome)
            if outcome[0] != "ok":
                break
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        writer.ring()
