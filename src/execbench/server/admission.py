"""Admitting work: a bounded number of jobs at once, and a share of them per token.

The server never queues without bound: a request whose jobs do not fit is answered at once with
429 and a `Retry-After` (the time the jobs admitted now should take to clear, from the mean time a
job has taken), instead of holding memory and a connection. A batch larger than a token may ever
have admitted could never fit, and is refused as such (413).
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


class Busy(Exception):
    """The jobs do not fit now; try again in `retry_after_s` seconds."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class TooMany(Exception):
    """The jobs could never fit at once."""


class Admission:
    def __init__(self, capacity: int, per_token: int, workers: int) -> None:
        self.capacity = capacity
        self.per_token = per_token
        self._workers = max(1, workers)
        self._by_token: Counter[str] = Counter()
        self._mean_job_s = 0.05
        self.admitted = 0

    @contextmanager
    def admit(self, token: str, jobs: int = 1) -> Iterator[None]:
        """Hold room for `jobs` jobs of `token`'s while the block runs."""
        if jobs > self.per_token:
            raise TooMany(f"{jobs} jobs in one request; at most {self.per_token} at once")
        if self.admitted + jobs > self.capacity:
            raise Busy(f"the server's queue is full ({self.capacity} jobs)", self._retry_after())
        if self._by_token[token] + jobs > self.per_token:
            message = f"this token has {self._by_token[token]} jobs under way already"
            raise Busy(message, self._retry_after())
        self.admitted += jobs
        self._by_token[token] += jobs
        try:
            yield
        finally:
            self.admitted -= jobs
            self._by_token[token] -= jobs
            if not self._by_token[token]:
                del self._by_token[token]

    @contextmanager
    def timed(self) -> Iterator[None]:
        """Time one job into the mean the `Retry-After` estimate uses."""
        started = time.monotonic()
        try:
            yield
        finally:
            self._mean_job_s += 0.05 * (time.monotonic() - started - self._mean_job_s)

    def _retry_after(self) -> int:
        return max(1, math.ceil(self.admitted * self._mean_job_s / self._workers))
