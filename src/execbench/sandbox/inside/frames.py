"""Length-prefixed framing: the one wire format between the trusted side and its processes.

Every message is an 8-byte big-endian length, then that many bytes of payload. Both ends import
this module: the code inside the sandbox (py_worker.py answering a Python session), the trusted
end of that session (sandbox/channel.py) and the judge workers' pipes (engine/). A reader names
the largest frame it accepts, so that what crosses back from an untrusted process is bounded
before it is buffered.
"""

from __future__ import annotations

import os
import struct

HEADER = struct.Struct(">Q")
# The largest message of a Python session, either way: well above any real result, far below
# what would exhaust the trusted side's memory.
MAX_SESSION_FRAME = 64 * 1024 * 1024


class FrameTooLarge(ValueError):
    def __init__(self, size: int, max_size: int) -> None:
        super().__init__(f"a frame of {size} bytes exceeds the {max_size}-byte limit")
        self.size = size


def frame(payload: bytes) -> bytes:
    """`payload` with its length in front."""
    return HEADER.pack(len(payload)) + payload


def take_frame(buffer: bytearray, max_size: int | None = None) -> bytes | None:
    """Take the first whole frame's payload off the front of `buffer`; None while it is
    incomplete. Raises FrameTooLarge as soon as the header announces more than `max_size`."""
    if len(buffer) < HEADER.size:
        return None
    (size,) = HEADER.unpack_from(buffer)
    if max_size is not None and size > max_size:
        raise FrameTooLarge(size, max_size)
    end = HEADER.size + size
    if len(buffer) < end:
        return None
    payload = bytes(buffer[HEADER.size : end])
    del buffer[:end]
    return payload


def read_frame(fd: int, max_size: int | None = None) -> bytes | None:
    """Read one frame's payload from blocking `fd`; None at end of stream."""
    header = _read_exact(fd, HEADER.size)
    if header is None:
        return None
    (size,) = HEADER.unpack(header)
    if max_size is not None and size > max_size:
        raise FrameTooLarge(size, max_size)
    return _read_exact(fd, size)


def write_frame(fd: int, payload: bytes) -> None:
    """Write one frame to blocking `fd`, whole."""
    view = memoryview(frame(payload))
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
