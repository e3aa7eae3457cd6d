"""The process backend: one fresh OS process per execution, rlimits, scrubbed environment.

Every process runs in its own session and process group, which is killed as a whole when the
execution ends or overruns. This backend is the portable baseline; stronger isolation layers
(namespaces, cgroups) build on the same interface.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from execbench.core import Execution, LimitHit, Limits
from execbench.sandbox.base import CallOutcome, CallStatus, PythonSession, Sandbox
from execbench.sandbox.process_control import (
    Workdir,
    has_exited,
    kill_group,
    reap,
    rlimit_setter,
    scrubbed_environment,
    wait_exit,
    wait_readable,
)
from execbench.sandbox.py_worker import MAX_MESSAGE, decode_plain, encode_plain

WORKER_SCRIPT = Path(__file__).with_name("py_worker.py")


class ProcessPythonSession(PythonSession):
    def __init__(self, python: str, limits: Limits) -> None:
        self._limits = limits
        self._workdir = Workdir()
        request_read, self._request_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        self._started = time.monotonic()
        self._deadline = self._started + limits.wall_s
        self._buffer = bytearray()
        self._execution: Execution | None = None
        try:
            self._process = subprocess.Popen(
                [
                    python,
                    "-s",
                    "-P",
                    str(WORKER_SCRIPT),
                    str(request_read),
                    str(reply_write),
                    json.dumps(asdict(limits)),
                ],
                pass_fds=(request_read, reply_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=self._workdir.path,
                env=scrubbed_environment(str(self._workdir.path)),
                start_new_session=True,
            )
        finally:
            os.close(request_read)
            os.close(reply_write)
        os.set_blocking(self._request_write, False)

    def load(self, source: str) -> CallOutcome:
        return self._request(["load", source], self._deadline)

    def call(
        self,
        name: str,
        args: Sequence[Any],
        kwargs: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> CallOutcome:
        deadline = self._deadline
        if timeout_s is not None:
            deadline = min(deadline, time.monotonic() + timeout_s)
        message = ["call", name, encode_plain(list(args)), encode_plain(dict(kwargs))]
        return self._request(message, deadline)

    def _request(self, message: list, deadline: float) -> CallOutcome:
        if self._execution is not None:
            return CallOutcome(CallStatus.DIED, execution=self._execution)
        payload = json.dumps(message).encode()
        if not self._send(len(payload).to_bytes(4, "big") + payload, deadline):
            return self._died(deadline)
        frame = self._receive(deadline)
        if frame is None:
            return self._died(deadline)
        try:
            reply = json.loads(frame)
            if reply[0] == "ok":
                return CallOutcome(CallStatus.OK, value=decode_plain(reply[1]))
            if reply[0] == "raised":
                return CallOutcome(
                    CallStatus.RAISED, error_type=str(reply[1]), message=str(reply[2])
                )
            if reply[0] == "bad_value":
                return CallOutcome(CallStatus.BAD_VALUE, error_type=str(reply[1]))
        except (ValueError, TypeError, IndexError, KeyError, RecursionError):
            pass
        return CallOutcome(
            CallStatus.BAD_VALUE, error_type="malformed reply", message=repr(frame[:200])
        )

    def _send(self, data: bytes, deadline: float) -> bool:
        view = memoryview(data)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                _, ready, _ = select.select([], [self._request_write], [], remaining)
                if ready:
                    view = view[os.write(self._request_write, view) :]
            except (BrokenPipeError, BlockingIOError):
                if has_exited(self._process):
                    return False
            except InterruptedError:
                continue
        return True

    def _receive(self, deadline: float) -> bytes | None:
        while True:
            if len(self._buffer) >= 4:
                size = int.from_bytes(self._buffer[:4], "big")
                if size > MAX_MESSAGE:
                    return None
                if len(self._buffer) >= 4 + size:
                    frame = bytes(self._buffer[4 : 4 + size])
                    del self._buffer[: 4 + size]
                    return frame
            if not wait_readable(self._reply_read, deadline):
                return None
            chunk = os.read(self._reply_read, 1 << 20)
            if not chunk:
                return None
            self._buffer += chunk

    def _died(self, deadline: float) -> CallOutcome:
        return CallOutcome(CallStatus.DIED, execution=self._finish(deadline))

    def _finish(self, deadline: float) -> Execution:
        if self._execution is None:
            wall_exceeded = time.monotonic() >= deadline and not has_exited(self._process)
            if wall_exceeded:
                kill_group(self._process)
            self._execution = reap(
                self._process, self._limits, self._started, wall_exceeded=wall_exceeded
            )
            for fd in (self._request_write, self._reply_read):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._workdir.remove()
        return self._execution

    def close(self) -> Execution:
        return self._finish(self._deadline)


class ProcessSandbox(Sandbox):
    name = "process"

    def __init__(self, python: str | None = None) -> None:
        self._python = python or sys.executable

    def open_python(self, limits: Limits) -> PythonSession:
        return ProcessPythonSession(self._python, limits)

    def run(
        self,
        argv: Sequence[str],
        limits: Limits,
        files: Mapping[str, bytes] | None = None,
        stdin: bytes = b"",
    ) -> Execution:
        workdir = Workdir()
        try:
            workdir.write(files or {})
            return _run_captured(list(argv), limits, workdir, stdin)
        finally:
            workdir.remove()


def _run_captured(argv: list[str], limits: Limits, workdir: Workdir, stdin: bytes) -> Execution:
    started = time.monotonic()
    deadline = started + limits.wall_s
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=workdir.path,
            env=scrubbed_environment(str(workdir.path)),
            start_new_session=True,
            preexec_fn=rlimit_setter(limits),
        )
    except OSError as exc:
        return Execution(exit_code=None, sandbox_error=f"could not start {argv[0]}: {exc}")
    assert process.stdin and process.stdout and process.stderr
    pending_input = memoryview(stdin)
    streams = {process.stdout.fileno(): bytearray(), process.stderr.fileno(): bytearray()}
    for fd in (process.stdin.fileno(), *streams):
        os.set_blocking(fd, False)
    if not pending_input:
        process.stdin.close()
    wall_exceeded = output_exceeded = False
    open_streams = set(streams)
    while open_streams:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            wall_exceeded = True
            break
        writers = [process.stdin.fileno()] if pending_input and not process.stdin.closed else []
        try:
            readable, writable, _ = select.select(list(open_streams), writers, [], remaining)
        except InterruptedError:
            continue
        if writable:
            try:
                pending_input = pending_input[os.write(writers[0], pending_input[:65536]) :]
            except BrokenPipeError:
                pending_input = memoryview(b"")
            if not pending_input:
                process.stdin.close()
        for fd in readable:
            chunk = os.read(fd, 65536)
            if not chunk:
                open_streams.discard(fd)
                continue
            streams[fd] += chunk
            if sum(len(buffer) for buffer in streams.values()) > limits.output_bytes:
                output_exceeded = True
                open_streams.clear()
    if not process.stdin.closed:
        with contextlib.suppress(OSError):
            process.stdin.close()
    if wall_exceeded:
        kill_group(process)
    elif not output_exceeded:
        # Output is closed; give the leader what is left of its budget to exit by itself.
        wall_exceeded = not wait_exit(process, deadline)
    execution = reap(
        process,
        limits,
        started,
        wall_exceeded=wall_exceeded,
        output_exceeded=output_exceeded,
        stdout=streams[process.stdout.fileno()][: limits.output_bytes].decode("utf-8", "replace"),
        stderr=streams[process.stderr.fileno()][: limits.output_bytes].decode("utf-8", "replace"),
    )
    process.stdout.close()
    process.stderr.close()
    return execution


__all__ = ["LimitHit", "ProcessSandbox"]
