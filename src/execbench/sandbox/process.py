"""The process backend: one fresh OS process per execution, rlimits, scrubbed environment.

Every process runs in its own session and process group, which is killed as a whole when the
execution ends or overruns. This backend is the portable baseline; stronger isolation layers
(namespaces, cgroups) build on the same interface.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from execbench.core import Execution, LimitHit, Limits
from execbench.sandbox import inside
from execbench.sandbox.base import PythonSession, Sandbox
from execbench.sandbox.capture import pump, stdio_pipes
from execbench.sandbox.channel import ChannelSession, WorkerChannel, session_socketpairs
from execbench.sandbox.cpu_watch import CpuWatch
from execbench.sandbox.process_control import (
    Workdir,
    has_exited,
    reap,
    rlimit_setter,
    scrubbed_environment,
    wait_exit,
)
from execbench.sandbox.registry import register_sandbox
from execbench.sandbox.runtime import PythonRuntime


class ProcessPythonSession(ChannelSession):
    def __init__(self, python: str, limits: Limits) -> None:
        self._limits = limits
        self._workdir = Workdir()
        (request_write, request_read), (reply_read, reply_write) = session_socketpairs()
        self._started = time.monotonic()
        try:
            self._process = subprocess.Popen(
                inside.command(
                    python,
                    "py_worker",
                    str(request_read),
                    str(reply_write),
                    json.dumps(asdict(limits)),
                ),
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
        self._cpu = CpuWatch(self._process.pid, limits.cpu_s, self._started)
        self._channel = WorkerChannel(
            request_write,
            reply_read,
            self._started + limits.wall_s,
            lambda: has_exited(self._process),
            self._cpu,
        )

    def _stop(self) -> Execution:
        assert self._channel is not None
        execution = reap(
            self._process,
            self._limits,
            self._started,
            wall_exceeded=self._channel.timed_out,
            cpu_exceeded=self._cpu.exceeded,
        )
        self._workdir.remove()
        return execution


@register_sandbox("process")
class ProcessSandbox(Sandbox):
    name = "process"

    def __init__(self, runtime: PythonRuntime | None = None) -> None:
        self._runtime = runtime
        self._python = runtime.python if runtime else sys.executable

    @property
    def runtime(self) -> PythonRuntime | None:
        return self._runtime

    def _provided_layers(self) -> frozenset[str]:
        return frozenset({"rlimits", "environment"})

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
        except ValueError as exc:
            workdir.remove()
            return Execution(exit_code=None, sandbox_error=str(exc))
        try:
            return _run_captured(list(argv), limits, workdir, stdin)
        finally:
            workdir.remove()


def _run_captured(argv: list[str], limits: Limits, workdir: Workdir, stdin: bytes) -> Execution:
    started = time.monotonic()
    deadline = started + limits.wall_s
    theirs, ours = stdio_pipes()
    try:
        process = subprocess.Popen(
            argv,
            stdin=theirs[0],
            stdout=theirs[1],
            stderr=theirs[2],
            cwd=workdir.path,
            env=scrubbed_environment(str(workdir.path)),
            start_new_session=True,
            preexec_fn=rlimit_setter(limits),
        )
    except OSError as exc:
        for fd in ours:
            os.close(fd)
        return Execution(exit_code=None, sandbox_error=f"could not start {argv[0]}: {exc}")
    finally:
        for fd in theirs:
            os.close(fd)
    cpu = CpuWatch(process.pid, limits.cpu_s, started)
    captured = pump(ours, stdin, deadline, limits.output_bytes, cpu)
    wall_exceeded = captured.wall_exceeded
    if not (wall_exceeded or captured.output_exceeded or cpu.exceeded):
        # Output is closed; give the leader what is left of its budget to exit by itself.
        wall_exceeded = not wait_exit(process, deadline, cpu) and not cpu.exceeded
    return reap(  # kills what is left first
        process,
        limits,
        started,
        wall_exceeded=wall_exceeded,
        cpu_exceeded=cpu.exceeded,
        output_exceeded=captured.output_exceeded,
        stdout=captured.stdout,
        stderr=captured.stderr,
    )


__all__ = ["LimitHit", "ProcessSandbox"]
