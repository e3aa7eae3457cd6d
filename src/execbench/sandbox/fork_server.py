"""The trusted side of the fork server (inside/zygote.py): start it, map its user namespace, ask
it for sandboxed children, kill them and collect how they ended."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from execbench.sandbox import inside
from execbench.sandbox.cpu_watch import CpuWatch
from execbench.sandbox.process_control import Ending, scrubbed_environment, wait_ready

UNPRIVILEGED_ID = 65534  # what the sample's uid 0 is on the host when we run as root ("nobody")
_START_TIMEOUT_S = 60.0
_DEATH_TIMEOUT_S = 30.0
# Numerical libraries imported in the server must not start threads: it forks. (The judge
# workers, one per core, get it too: their threads would only contend for the same cores.)
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class ForkServerError(Exception):
    """The fork server could not start or stopped answering."""


@dataclass(frozen=True)
class ForkServerConfig:
    isolate: bool
    preload: tuple[str, ...]  # imported in advance
    packages: tuple[str, ...] = ()  # third-party packages samples may import
    binds: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    environment: Mapping[str, str] = field(default_factory=dict)  # what samples get
    python: str = sys.executable
    # cgroup.procs fds of the cgroup samples are born in, if they can be (see inside/zygote.py).
    home_cgroup: tuple[int, ...] = ()


class Child:
    """One sandboxed child of the fork server, watched through a pidfd (no pid reuse races)."""

    def __init__(self, server: ForkServer, child_id: int, pid: int, pidfd: int) -> None:
        self._server = server
        self.id = child_id
        self.pid = pid
        self._pidfd = pidfd
        self._ending: Ending | None = None
        self.setup_error: str | None = None  # known once it has ended

    def exited(self) -> bool:
        ready, _, _ = select.select([self._pidfd], [], [], 0)
        return bool(ready)

    def wait_exit(self, deadline: float, cpu: CpuWatch | None = None) -> bool:
        """Wait until it exits; False if `deadline` passes or `cpu` finds its budget used."""
        return wait_ready(self._pidfd, deadline, cpu)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def ending(self) -> Ending:
        """Kill the child (with its PID namespace) and return how it ended."""
        if self._ending is None:
            self.kill()
            try:
                report = self._server.wait_for(self.id, "status", _DEATH_TIMEOUT_S)
            finally:
                os.close(self._pidfd)
            self._ending = Ending(report["status"], report["cpu_s"], report["max_rss_kb"])
            self.setup_error = report["setup_error"]
        return self._ending


class ForkServer:
    def __init__(self, config: ForkServerConfig) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._stash: dict[tuple[int, str], tuple[dict, list[int]]] = {}
        self._next_id = 0
        self._process: subprocess.Popen | None = None
        self._socket: socket.socket | None = None
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server
        self.layers: dict[str, str | None] = {}
        self.home = False  # whether samples asked for "home" are born in the home cgroup

    def start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        config = {
            "isolate": self._config.isolate,
            "preload": list(self._config.preload),
            "packages": list(self._config.packages),
            "binds": list(self._config.binds),
            "hidden": list(self._config.hidden),
            "environment": dict(self._config.environment),
            "home_cgroup": list(self._config.home_cgroup),
        }
        self._process = subprocess.Popen(
            inside.command(self._config.python, "zygote", str(theirs.fileno()), json.dumps(config)),
            pass_fds=(theirs.fileno(), *self._config.home_cgroup),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            cwd="/",
            env={**scrubbed_environment("/"), **SINGLE_THREADED},
            start_new_session=True,
        )
        theirs.close()
        self._socket = ours
        deadline = time.monotonic() + _START_TIMEOUT_S
        message, _ = self._receive(deadline)
        if "unshared" in message:
            if message["unshared"] is None:
                _map_ids(self._process.pid)
                self._socket.send(json.dumps({"mapped": True}).encode())
            message, _ = self._receive(deadline)
        self.layers = message["ready"]
        self.home = message["home"]

    def spawn(self, request: dict, fds: list[int]) -> tuple[Child | None, str | None]:
        """A new child running `request`, or None and why it could not be set up."""
        with self._lock:
            self._next_id += 1
            child_id = self._next_id
            payload = json.dumps({**request, "id": child_id}).encode()
            try:
                assert self._socket is not None  # started by the caller's _ensure_server
                socket.send_fds(self._socket, [payload], fds)
            except OSError as exc:
                raise self._failure(f"could not reach the fork server: {exc}") from exc
        reply, pidfds = self._take(child_id, "pid", time.monotonic() + _START_TIMEOUT_S)
        if reply["pid"] is None:
            return None, reply["setup_error"]
        child = Child(self, child_id, reply["pid"], pidfds[0])
        if reply["setup_error"]:
            child.ending()
            return None, reply["setup_error"]
        return child, None

    def wait_for(self, child_id: int, key: str, timeout: float) -> dict:
        return self._take(child_id, key, time.monotonic() + timeout)[0]

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
            self._process.wait()
        self._stderr.close()

    def _take(self, child_id: int, key: str, deadline: float) -> tuple[dict, list[int]]:
        with self._lock:
            while (child_id, key) not in self._stash:
                message, fds = self._receive(deadline)
                kind = "pid" if "pid" in message else "status"
                self._stash[(message["id"], kind)] = (message, fds)
            return self._stash.pop((child_id, key))

    def _receive(self, deadline: float) -> tuple[dict, list[int]]:
        assert self._socket is not None
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([self._socket], [], [], max(0.0, remaining))
        if not ready:
            raise self._failure("the fork server did not answer in time")
        data, fds, _, _ = socket.recv_fds(self._socket, 1 << 16, 4)
        if not data:
            raise self._failure("the fork server exited")
        return json.loads(data), fds

    def _failure(self, what: str) -> ForkServerError:
        self._stderr.seek(0)
        tail = self._stderr.read()[-2000:].decode("utf-8", "replace").strip()
        return ForkServerError(f"{what}{': ' + tail if tail else ''}")


def _map_ids(pid: int) -> None:
    """Map the server's namespace root to an unprivileged host id (or, unprivileged, to us)."""
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        uid = gid = UNPRIVILEGED_ID
    else:
        Path(f"/proc/{pid}/setgroups").write_text("deny")
    Path(f"/proc/{pid}/uid_map").write_text(f"0 {uid} 1\n")
    Path(f"/proc/{pid}/gid_map").write_text(f"0 {gid} 1\n")
