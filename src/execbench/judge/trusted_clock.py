"""A deadline for trusted test code itself (it runs candidate-dependent loops in our process)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TrustedTimeout(BaseException):
    """The trusted side ran past its deadline."""


@contextmanager
def trusted_deadline(seconds: float) -> Iterator[None]:
    # SIGALRM only works in the main thread; elsewhere the sandbox deadline is the only bound.
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TrustedTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
