"""Python's cyclic garbage collector held off while many long-lived objects are made at once.

Loading a benchmark (HumanEval+: ~130,000 cases) or unpickling it in a judge worker allocates
objects that are all kept; each allocation burst triggers collections that walk every one made so
far, which took 2-3x the loading itself. None of them is garbage, so nothing is lost by waiting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees what it can)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
