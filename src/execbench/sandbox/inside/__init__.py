"""The code that runs inside the sandbox, apart from the trusted code that drives it.

Everything in this package runs in an untrusted or sandboxed process, under whatever Python the
sandbox uses: the fork server (zygote.py) and each sample's setup (sample.py, rootfs.py,
namespaces.py), a Python session's worker (py_worker.py, plain.py), and the runners shipped into
a sample's directory as files: unittest_runner.py, efficiency_runner.py (timing and counting
lines, with plain.py beside it) and assert_runner.py (a strategy's cases). So it imports nothing
but the standard library and itself (tests/sandbox/test_inside.py checks it), and runs on Python
3.10 too: a benchmark's environment may run on it (environments/). The trusted side imports from
it only the codecs both ends share (frames.py, plain.py) and `command`.
"""

from __future__ import annotations

import os

DIRECTORY = os.path.dirname(os.path.abspath(__file__))
# The modules a sandboxed interpreter can be started as (see __main__.py).
ENTRY_POINTS = ("zygote", "py_worker")


def command(python: str, entry: str, *args: str) -> list[str]:
    """The command line that runs `entry`'s `main` under `python`: no user site directory, this
    package imported as `inside`. Run as a directory, the one path put in front of the standard
    library is the directory itself, which __main__.py takes off (what -P would do, but a
    benchmark's environment may run on a Python older than 3.11, which has no -P)."""
    if entry not in ENTRY_POINTS:
        raise ValueError(f"{entry!r} is not one of the sandbox's entry points {ENTRY_POINTS}")
    return [python, "-s", DIRECTORY, entry, *args]
