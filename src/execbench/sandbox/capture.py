"""Feeding a sandboxed program's stdin and collecting its stdout and stderr, capped and timed."""

from __future__ import annotations

import contextlib
import os
import select
import time
from dataclasses import dataclass

from execbench.sandbox.cpu_watch import CpuWatch


@dataclass(frozen=True)
class Captured:
    stdout: str
    stderr: str
    wall_exceeded: bool
    output_exceeded: bool
    cpu_exceeded: bool = False


def stdio_pipes() -> tuple[list[int], list[int]]:
    """Pipes for a program's stdin, stdout and stderr: (the program's ends, ours)."""
    stdin, stdout, stderr = os.pipe(), os.pipe(), os.pipe()
    return [stdin[0], stdout[1], stderr[1]], [stdin[1], stdout[0], stderr[0]]


def pump(
    ours: list[int], data: bytes, deadline: float, output_limit: int, cpu: CpuWatch | None = None
) -> Captured:
    """Write `data` to stdin; read both outputs until they close, the deadline passes, `cpu`
    finds the program's CPU budget used up or they pass `output_limit` bytes together. `ours`
    are our ends from `stdio_pipes`; all are closed."""
    stdin_fd, stdout_fd, stderr_fd = ours
    pending = memoryview(data)
    streams = {stdout_fd: bytearray(), stderr_fd: bytearray()}
    for fd in (stdin_fd, *streams):
        os.set_blocking(fd, False)
    stdin_open = True
    if not pending:
        os.close(stdin_fd)
        stdin_open = False
    wall_exceeded = output_exceeded = cpu_exceeded = False
    open_streams = set(streams)
    due = deadline
    while open_streams:
        now = time.monotonic()
        if now >= deadline:
            deadline = due if cpu is None else cpu.wall_deadline(due)
            if now >= deadline:
                wall_exceeded = True
                break
        wake = deadline if cpu is None else min(deadline, cpu.due)
        writers = [stdin_fd] if stdin_open else []
        try:
            readable, writable, _ = select.select(
                list(open_streams), writers, [], max(0.0, wake - now)
            )
        except InterruptedError:
            continue
        if not (readable or writable) and cpu is not None and cpu.check():
            cpu_exceeded = True
            break
        if writable:
            try:
                pending = pending[os.write(stdin_fd, pending[:65536]) :]
            except BlockingIOError:
                continue
            except BrokenPipeError:
                pending = pending[:0]
            if not pending:
                os.close(stdin_fd)
                stdin_open = False
        for fd in readable:
            chunk = os.read(fd, 65536)
            if not chunk:
                open_streams.discard(fd)
                continue
            streams[fd] += chunk
            if sum(len(buffer) for buffer in streams.values()) > output_limit:
                output_exceeded = True
                open_streams.clear()
    for fd in (*([stdin_fd] if stdin_open else []), stdout_fd, stderr_fd):
        with contextlib.suppress(OSError):
            os.close(fd)
    return Captured(
        stdout=streams[stdout_fd][:output_limit].decode("utf-8", "replace"),
        stderr=streams[stderr_fd][:output_limit].decode("utf-8", "replace"),
        wall_exceeded=wall_exceeded,
        output_exceeded=output_exceeded,
        cpu_exceeded=cpu_exceeded,
    )
