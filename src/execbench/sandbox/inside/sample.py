"""One sample's process, in the fork server's child: set up the sandbox, then run.

Forked in advance, it takes its own session, dies with the fork server, puts itself first in line
for the out-of-memory killer and waits for a request. Then, before the candidate's first
instruction, in this order: join the sample's cgroups (unless born in them, see zygote.py), fresh
/proc and scratch mounts, files, standard streams, no inherited descriptors, rlimits, no
capabilities (the fixed environment and the bans on regaining capabilities come from the fork
server, see `Server.seal` in zygote.py). A failure is written to the status pipe (close-on-exec,
so a successful exec closes it empty) and the process exits; the trusted side reports it as a
sandbox error, never as the candidate's verdict.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
from typing import NoReturn

from . import namespaces, py_worker, rootfs
from .frames import HEADER, read_frame

# The names and sizes of the files a sample is given (their contents follow them).
_MAX_INDEX_BYTES = 16 * 1024 * 1024


def standby(
    channel: socket.socket,
    status_fd: int,
    workdir: str,
    layers: dict,
    kept: dict[str, list[str]],
) -> NoReturn:
    """Wait, forked in advance, for this process's sample on `channel`; then set up and run it.

    `kept`: what `rootfs.mount_sample_dirs` keeps visible over the scratch directories."""
    try:
        os.setsid()
        namespaces.prctl(namespaces.PR_SET_PDEATHSIG, signal.SIGKILL)
        _first_to_go_out_of_memory()
        data, fds, _, _ = socket.recv_fds(channel, 1 << 16, 16)
        channel.close()
        if not data:
            os._exit(0)
        _run(json.loads(data), fds, status_fd, workdir, layers, kept)
    except BaseException as exc:
        try:
            os.write(status_fd, f"{type(exc).__name__}: {exc}".encode())
        finally:
            os._exit(125)
    os._exit(0)


def _first_to_go_out_of_memory() -> None:
    """Out of memory, the kernel kills the sample before the forker that may share its cgroup.

    Having changed ids, this process is not dumpable, so its /proc files are not its own; it is
    made dumpable for the one write (nothing untrusted runs yet) and not dumpable again. Where
    the write is refused, the sample still runs: were the forker killed instead, the trusted side
    would only start a new fork server."""
    namespaces.prctl(namespaces.PR_SET_DUMPABLE, 1)
    try:
        fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY)
        try:
            os.write(fd, b"1000")
        finally:
            os.close(fd)
    except OSError:
        pass
    finally:
        namespaces.prctl(namespaces.PR_SET_DUMPABLE, 0)


def _run(
    request: dict,
    fds: list[int],
    status_fd: int,
    workdir: str,
    layers: dict,
    kept: dict[str, list[str]],
) -> None:
    named: dict[str, int] = {}
    for role, fd in zip(request["roles"], fds, strict=True):
        if role == "cgroup":
            os.write(fd, b"0")  # "0": this process; its descendants follow it
            os.close(fd)
        else:
            named[role] = fd
    limits = request["limits"]
    isolated_fs = layers.get("filesystem") is None
    if isolated_fs:
        rootfs.mount_sample_dirs(workdir, max(1, limits["file_size_mb"]), kept)
    if "files" in named:
        _write_files(named.pop("files"), workdir)
    if request["mode"] == "python":
        null = os.open("/dev/null", os.O_RDWR)
        stdio = [null, null, null]
    else:
        stdio = [named.pop("stdin"), named.pop("stdout"), named.pop("stderr")]
    for target, fd in enumerate(stdio):
        os.dup2(fd, target)
    _close_all_but({0, 1, 2, status_fd, *named.values()})
    os.chdir(workdir)
    if not isolated_fs:  # else the fork server's environment already names the fixed ones
        os.environ.update(HOME=workdir, TMPDIR=workdir)
    py_worker.apply_limits(limits)
    if os.getpid() == 1:
        # A namespace's init ignores SIGXCPU at the soft limit: let the hard limit stop it then.
        soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft))
    if layers.get("capabilities") is None:
        namespaces.drop_capabilities()  # none can be regained: see Server.seal in zygote.py
    if request["mode"] == "python":
        os.close(status_fd)
        py_worker.run_candidate(named["request"], named["reply"])
    else:
        argv = request["argv"]
        os.execvp(argv[0], argv)


def _write_files(fd: int, workdir: str) -> None:
    """Write the files of `fd` (sandbox/isolated.py's `_files_memfd`) under `workdir`, copied by
    the kernel from the memfd to each file."""
    index = read_frame(fd, _MAX_INDEX_BYTES)
    if index is None:
        raise ValueError("the files' index is missing")
    offset = HEADER.size + len(index)
    root = os.path.realpath(workdir)
    for name, size in json.loads(index):
        target = os.path.realpath(os.path.join(root, name))
        if not target.startswith(root + os.sep):
            raise ValueError(f"file name {name!r} escapes the working directory")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            end = offset + size
            while offset < end:
                copied = os.sendfile(out, fd, offset, end - offset)
                if copied == 0:
                    raise ValueError(f"file {name!r} is cut short")
                offset += copied
        finally:
            os.close(out)
    os.close(fd)


def _close_all_but(keep: set[int]) -> None:
    low = 0
    for fd in sorted(keep):
        if fd > low:
            os.closerange(low, fd)
        low = max(low, fd + 1)
    os.closerange(low, 1 << 20)
