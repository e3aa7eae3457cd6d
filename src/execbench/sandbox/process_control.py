"""Starting, watching and reaping sandboxed processes: deadlines, whole-group kills, rusage."""

from __future__ import annotations

import contextlib
import os
import resource
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from execbench.core import Execution, LimitHit, Limits
from execbench.sandbox.cpu_watch import CpuWatch


def scrubbed_environment(home: str) -> dict[str, str]:
    """A small fixed environment: never the parent's variables (API keys live there)."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def rlimit_setter(limits: Limits) -> Callable[[], None]:
    """A pre-exec function applying `limits` as rlimits in the child (fork context, no threads)."""
    cpu = max(1, int(limits.cpu_s + 0.999))
    memory = limits.memory_mb * 1024 * 1024
    fsize = limits.file_size_mb * 1024 * 1024
    settings = (
        (resource.RLIMIT_CPU, (cpu, cpu + 1)),
        (resource.RLIMIT_AS, (memory, memory)),
        (resource.RLIMIT_FSIZE, (fsize, fsize)),
        (resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files)),
        (resource.RLIMIT_NPROC, (limits.max_processes, limits.max_processes)),
        (resource.RLIMIT_CORE, (0, 0)),
    )

    def apply() -> None:
        for which, value in settings:
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, value)

    return apply


@dataclass
class Workdir:
    """A fresh private directory for one execution, removed afterwards."""

    path: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="execbench-")))

    def write(self, files: Mapping[str, bytes]) -> None:
        for name, content in files.items():
            target = (self.path / name).resolve()
            if self.path.resolve() not in target.parents:
                raise ValueError(f"file name {name!r} escapes the working directory")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def remove(self) -> None:
        # Make everything writable first: the program may have removed its own permissions.
        for root, dirs, _ in os.walk(self.path):
            for name in dirs:
                with contextlib.suppress(OSError):
                    os.chmod(os.path.join(root, name), 0o700)
        shutil.rmtree(self.path, ignore_errors=True)


def kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def reap(process: subprocess.Popen, limits: Limits, started: float, **facts: Any) -> Execution:
    """Kill whatever is left of the process group, wait for the leader, classify the ending.

    `facts` are `classify_ending`'s keyword arguments (what the caller saw: overruns, output).
    """
    kill_group(process)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    ending = Ending(status, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
    return classify_ending(ending, limits, started, **facts)


@dataclass(frozen=True)
class Ending:
    """How a sandboxed process ended: its wait status, CPU seconds and peak RSS (KiB)."""

    wait_status: int
    cpu_s: float
    max_rss_kb: int
    out_of_memory: bool = False


def classify_ending(
    ending: Ending,
    limits: Limits,
    started: float,
    wall_exceeded: bool = False,
    output_exceeded: bool = False,
    stdout: str = "",
    stderr: str = "",
    cpu_exceeded: bool = False,
) -> Execution:
    returncode = os.waitstatus_to_exitcode(ending.wait_status)
    cpu = ending.cpu_s
    exit_code = returncode if returncode >= 0 else None
    sig = -returncode if returncode < 0 else None
    if wall_exceeded:
        hit = LimitHit.WALL
    elif cpu_exceeded:  # stopped by a CpuWatch
        hit = LimitHit.CPU
    elif ending.out_of_memory:
        hit = LimitHit.MEMORY
    elif output_exceeded:
        hit = LimitHit.OUTPUT
    # A SIGKILL that is neither our wall kill nor a cgroup OOM kill is the hard CPU rlimit, unless
    # the program had used far less CPU (it killed itself). The rusage read after the kill can be
    # 10-15% under the rlimit on a loaded machine, hence the margin.
    elif sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= 0.5 * limits.cpu_s):
        hit = LimitHit.CPU
    elif sig == signal.SIGXFSZ:
        hit = LimitHit.OUTPUT
    else:
        hit = LimitHit.NONE
    return Execution(
        exit_code=exit_code,
        signal=sig,
        stdout=stdout,
        stderr=stderr,
        cpu_s=round(cpu, 4),
        wall_s=round(time.monotonic() - started, 4),
        max_rss_kb=ending.max_rss_kb,
        limit_hit=hit,
    )


def has_exited(process: subprocess.Popen) -> bool:
    """Whether the leader has exited, without reaping it (its rusage is read in `reap`)."""
    try:
        found = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return found is not None


def wait_exit(process: subprocess.Popen, deadline: float, cpu: CpuWatch | None = None) -> bool:
    """Wait until the leader exits; False if `deadline` passes or `cpu` finds its budget used."""
    pidfd = os.pidfd_open(process.pid)
    try:
        return wait_ready(pidfd, deadline, cpu)
    finally:
        os.close(pidfd)


def wait_ready(
    fd: int, deadline: float, cpu: CpuWatch | None = None, *, writing: bool = False
) -> bool:
    """True when `fd` is readable (data or EOF), or writable if `writing`, before `deadline`;
    False when the deadline passes or `cpu` finds its budget used up (`cpu.exceeded`)."""
    readers, writers = ([], [fd]) if writing else ([fd], [])
    due = deadline
    while True:
        now = time.monotonic()
        if now >= deadline:
            deadline = due if cpu is None else cpu.wall_deadline(due)
            if now >= deadline:  # ready just now (it exited as its time ran out) is still ready
                return bool(any(select.select(readers, writers, [], 0)))
        wake = deadline if cpu is None else min(deadline, cpu.due)
        try:
            readable, writable, _ = select.select(readers, writers, [], max(0.0, wake - now))
        except InterruptedError:
            continue
        if readable or writable:
            return True
        if cpu is not None and time.monotonic() < deadline and cpu.check():
            return False
