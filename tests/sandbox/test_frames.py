"""The one frame codec: whole frames however the bytes arrive, and a bound on what is taken."""

from __future__ import annotations

import os
import time

import pytest

from execbench.sandbox.channel import WorkerChannel, session_socketpairs
from execbench.sandbox.inside.frames import (
    HEADER,
    MAX_SESSION_FRAME,
    FrameTooLarge,
    frame,
    read_frame,
    take_frame,
    write_frame,
)

PAYLOADS = [b"", b"one", bytes(range(256)) * 300]


def test_frames_come_back_whole_however_the_bytes_arrive():
    stream = b"".join(frame(payload) for payload in PAYLOADS)
    buffer = bytearray()
    taken = []
    for byte in stream:  # the worst case of a pipe: one byte per read
        buffer.append(byte)
        while (payload := take_frame(buffer)) is not None:
            taken.append(payload)
    assert taken == PAYLOADS and not buffer


def test_blocking_reads_and_writes_share_the_format():
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a writer, so that the large frame does not fill the pipe with no reader
        os.close(read_end)
        for payload in PAYLOADS:
            write_frame(write_end, payload)
        os._exit(0)
    os.close(write_end)
    try:
        assert [read_frame(read_end) for _ in PAYLOADS] == PAYLOADS
        assert read_frame(read_end) is None  # end of stream
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


def test_a_frame_larger_than_the_reader_takes_is_refused_from_its_header():
    announced = HEADER.pack(101)  # the payload never comes
    with pytest.raises(FrameTooLarge):
        take_frame(bytearray(announced), max_size=100)
    read_end, write_end = os.pipe()
    os.write(write_end, announced)
    try:
        with pytest.raises(FrameTooLarge):
            read_frame(read_end, max_size=100)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert take_frame(bytearray(frame(bytes(100))), max_size=100) == bytes(100)


def test_the_trusted_end_drops_a_session_that_announces_an_oversized_reply():
    """It does not wait for (nor buffer) the reply: the worker is treated as gone, not slow."""
    (request_write, request_read), (reply_read, reply_write) = session_socketpairs()
    deadline = time.monotonic() + 5  # a reader that waited for the payload would reach it
    channel = WorkerChannel(request_write, reply_read, deadline, exited=lambda: False)
    os.write(reply_write, HEADER.pack(MAX_SESSION_FRAME + 1) + b"x" * 1000)
    try:
        assert channel.call_reply(deadline) is None
        assert not channel.timed_out
    finally:
        channel.close()
        os.close(request_read)
        os.close(reply_write)
