"""A batch of calls sent to a worker in few requests, each call still held to its own limit.

The worker runs a request's calls one after another, each under a timer of its own limit, writes
each reply as the call returns and rings once the request is done (inside/call_batch.py): a
request costs one round trip, not one per call. Nothing the worker says about time is believed.
This side keeps

- each call to its limit: the kernel stamps each reply with the time it was sent, and a reply
  sent more than its call's limit (plus `STAMP_GRACE_S`) after the one before it (or after the
  request) is a timeout, however the program dealt with its timer;
- a deadline while it waits: the next unanswered call's limit (plus the grace) after the last
  reply's stamp, within the batch's budget from its first request. The worker's timer stops a
  well-behaved call at its limit; this ends one whose program disabled or caught the timer.

A request holds the calls that come next, up to `REQUEST_CALLS` of them or `REQUEST_BYTES` of
arguments. The worker runs on past a wrong answer (only this side can tell it is wrong), but it
rings at least every `inside.call_batch.RING_EVERY_S`, and this side ends the sample once it reads
one: a failing sample wastes about that much work, however long its request.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from execbench.sandbox.base import CallOutcome, CallStream

if TYPE_CHECKING:
    from execbench.sandbox.channel import ChannelSession, WorkerChannel

REQUEST_CALLS = 1024
REQUEST_BYTES = 1 << 20
# What a reply may take beyond its call's limit: the worker's own work between calls (encoding,
# writing), and being descheduled in between on a busy machine.
STAMP_GRACE_S = 0.05


class BatchedStream(CallStream):
    _session: ChannelSession

    def __init__(
        self,
        session: ChannelSession,
        name: str,
        calls: Sequence[Sequence[Any]],
        kwargs: Mapping[str, Any],
        budget_s: float | None,
    ) -> None:
        super().__init__(session, name, calls, kwargs, budget_s)
        self._budget_deadline: float | None = None  # monotonic; set by the first request
        self._end = 0  # one past the last call sent
        self._last_sent_at = 0.0  # time.time() the last reply (or the request) was sent
        self._clock_offset = 0.0  # time.time() - time.monotonic()

    def _next(self) -> CallOutcome:
        channel = self._session._live_channel()
        if channel is None:
            return self._session._died()
        if not channel.owed:
            if not self._send_request(channel):
                return self._session._died()
        elif channel.owed_to is not self:
            raise RuntimeError("another batch of calls is still streaming its outcomes")
        outcome = channel.call_reply(self._wait_deadline(channel))
        if outcome is None:
            return self._session._died()
        limit = self._calls.limits_s[self.position]
        if limit is not None and channel.sent_at - self._last_sent_at > limit + STAMP_GRACE_S:
            channel.overran()
            return self._session._died()
        self._last_sent_at = channel.sent_at
        return outcome

    def _send_request(self, channel: WorkerChannel) -> bool:
        now = time.monotonic()
        budget = None
        if self._budget_s is not None:
            if self._budget_deadline is None:
                self._budget_deadline = now + self._budget_s
            budget = self._budget_deadline - now
        start = self.position
        self._end = self._request_end(start)
        encoded = [self._calls.encoded(index) for index in range(start, self._end)]
        limits = self._calls.limits_s[start : self._end]
        self._last_sent_at = time.time()
        self._clock_offset = self._last_sent_at - time.monotonic()
        deadline = self._wait_deadline(channel)
        return channel.send_calls(self, self._name, encoded, self._kwargs, limits, budget, deadline)

    def _request_end(self, start: int) -> int:
        end, size = start, 0
        while end < len(self._calls) and end - start < REQUEST_CALLS:
            if end > start and size >= REQUEST_BYTES:
                break
            size += len(self._calls.encoded(end))
            end += 1
        return end

    def _wait_deadline(self, channel: WorkerChannel) -> float:
        """When to stop waiting for the next reply: its call's limit after the last reply was
        sent, within the budget and the session's deadline."""
        deadline = channel.deadline
        limit = self._calls.limits_s[self.position]
        if limit is not None:
            last = self._last_sent_at - self._clock_offset
            deadline = min(deadline, last + limit + STAMP_GRACE_S)
        if self._budget_deadline is not None:
            deadline = min(deadline, self._budget_deadline + STAMP_GRACE_S)
        return deadline
