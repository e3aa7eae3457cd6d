"""The fork server: a warm interpreter that forks one sandboxed process per sample.

Started by the trusted side as `python -s INSIDE zygote CONTROL_FD CONFIG_JSON` with a SEQPACKET
socket on CONTROL_FD. Once, at start: it enters new user, mount, network, IPC and UTS namespaces
(the trusted side writes its uid/gid map), imports the modules samples will need, builds the
read-only root (rootfs.py), becomes the namespace's unprivileged root, forbids kernel keyrings to
all it will fork, and forks the forker, a copy of itself that does nothing but fork samples. Then,
per request, it hands the request to a child forked in advance in fresh PID, mount and IPC
namespaces (`sample.py` sets it up and runs the candidate), hands the trusted side a pidfd for it,
has the next one forked, and reports the child's wait status, rusage and any setup failure when it
dies. When a sample's first process dies, the kernel kills every process in its PID namespace;
what it left in its IPC namespace goes with that.

The home cgroup. Moving a process into a v1 cgroup can wait a whole RCU grace period (about
12 ms here, for one sample in thirty), so when the trusted side passes the fds of a "home"
cgroup (CONFIG's `home_cgroup`) and samples get PID namespaces, the forker moves there once and
samples are born in it; a request marked "home" gets such a child. Only one of them exists at a
time, made when the last one has died, so the cgroup holds the sample and the forker alone (the
trusted side allows the forker for in the process limit). Any other request (an overlapping
session) gets a child of a second forker that stays outside, and joins its own cgroups.

Messages are JSON. To the trusted side: {"unshared": error|null} then {"ready": {layer: reason},
"home": bool} (a null reason means the layer is active); per spawn {"id", "pid", "setup_error"}
with the pidfd; per death {"id", "status", "cpu_s", "max_rss_kb", "setup_error"}.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import importlib.util
import json
import os
import resource  # os.wait4 needs it too, and the sandbox's root may not show it later
import select
import shutil
import signal
import socket
import sys
import tempfile
from dataclasses import dataclass
from typing import NoReturn

from . import namespaces, py_worker, rootfs, sample

SAMPLE_HOME = "/home/sandbox"
_MESSAGE_SIZE = 1 << 16
_MAX_FDS = 16


class Server:
    def __init__(self, control: socket.socket, config: dict) -> None:
        self.control = control
        self.config = config
        self.layers: dict[str, str | None] = {}
        self.children: dict[int, tuple[int, Standby]] = {}  # pidfd -> sample id, child
        self.standby: Standby | None = None  # forked in advance, by `home` if there is one
        self.kept: dict[str, list[str]] = {}  # see rootfs.scratch_submounts
        # The forkers (see start_forker): one in the home cgroup, if any, and one outside it.
        self.home: socket.socket | None = None
        self.away: socket.socket | None = None

    def send(self, message: dict, fds: tuple[int, ...] = ()) -> None:
        data = json.dumps(message).encode()
        if fds:
            socket.send_fds(self.control, [data], list(fds))
        else:
            self.control.send(data)

    def receive(self) -> tuple[dict | None, list[int]]:
        data, fds, _, _ = socket.recv_fds(self.control, _MESSAGE_SIZE, _MAX_FDS)
        return (json.loads(data) if data else None), fds

    # -- start-up -------------------------------------------------------------------------

    def isolate(self) -> None:
        layers = self.layers
        try:
            namespaces.unshare(namespaces.CLONE_NEWUSER)
        except OSError as exc:
            self.send({"unshared": str(exc)})
            self.preload()
            for layer in ("user", "network", "ipc", "filesystem", "pid", "capabilities"):
                layers[layer] = f"no user namespace: {exc}"
            return
        self.send({"unshared": None})
        reply, _ = self.receive()
        if not reply or reply.get("mapped") is not True:
            raise SystemExit("the trusted side did not map our user namespace")
        layers["user"] = None
        for layer, flag in (
            ("filesystem", namespaces.CLONE_NEWNS),
            ("network", namespaces.CLONE_NEWNET),
            ("ipc", namespaces.CLONE_NEWIPC | namespaces.CLONE_NEWUTS),
        ):
            try:
                namespaces.unshare(flag)
                layers[layer] = None
            except OSError as exc:
                layers[layer] = str(exc)
        if layers["network"] is None:
            with contextlib.suppress(OSError):  # (without it, 127.0.0.1 is unreachable too)
                namespaces.loopback_up()
        # Still the host user here: import and open (in our own mount namespace) what the
        # sandbox will show.
        self.preload()
        binds = rootfs.open_sources(self.config["binds"])
        packages = rootfs.open_sources(self.package_dirs())
        # Become the namespace's root: the host sees an unprivileged id from here on.
        os.setresgid(0, 0, 0)
        with contextlib.suppress(OSError):
            os.setgroups([])
        os.setresuid(0, 0, 0)
        if layers["filesystem"] is None:
            try:
                rootfs.build_root(binds, self.config["hidden"], packages, SAMPLE_HOME)
                self.kept = rootfs.scratch_submounts()
            except OSError as exc:
                layers["filesystem"] = str(exc)
        layers["pid"] = self.probe_pid_namespace()
        layers["capabilities"] = None

    def seal(self) -> None:
        """What every sample inherits, done once here rather than per sample: no way back to any
        capability, and the samples' fixed environment."""
        if self.layers["capabilities"] is None:
            namespaces.forbid_regaining_capabilities(namespaces.read_last_cap())
        else:
            namespaces.prctl(namespaces.PR_SET_NO_NEW_PRIVS, 1)
        if self.layers["ipc"] is None:
            try:
                namespaces.forbid_keyrings()
            except OSError as exc:
                self.layers["ipc"] = f"samples share kernel keyrings: {exc}"
        os.environ.clear()
        os.environ.update(self.config["environment"])
        if self.layers["filesystem"] is None:
            os.environ.update(HOME=SAMPLE_HOME, TMPDIR="/tmp")

    def probe_pid_namespace(self) -> str | None:
        try:
            pid = namespaces.clone_fork(self.clone_flags(pid_ns=True))
        except OSError as exc:
            return str(exc)
        if pid == 0:
            os._exit(0 if os.getpid() == 1 else 1)
        _, status = os.waitpid(pid, 0)
        return None if status == 0 else "the child was not PID 1 of a new namespace"

    def clone_flags(self, pid_ns: bool | None = None) -> int:
        """A sample's own namespaces: PID, mount (its /proc and scratch space) and IPC (SysV
        and POSIX message queues, so nothing one sample leaves there reaches the next)."""
        if pid_ns is None:
            pid_ns = self.layers.get("pid") is None
        flags = namespaces.CLONE_NEWPID if pid_ns else 0
        if self.layers.get("filesystem") is None:
            flags |= namespaces.CLONE_NEWNS
        if self.layers.get("ipc") is None:
            flags |= namespaces.CLONE_NEWIPC
        return flags

    def preload(self) -> None:
        for name in self.config["preload"]:
            with contextlib.suppress(Exception):
                importlib.import_module(name)
        py_worker.seed_random()

    def package_dirs(self) -> list[str]:
        """Where the third-party packages samples may import live (bound back into the sandbox),
        found without importing them."""
        found = []
        for name in self.config["packages"]:
            with contextlib.suppress(Exception):
                spec = importlib.util.find_spec(name)
                for path in (spec and spec.submodule_search_locations) or []:
                    found.append(path)
                    libs = path.rstrip("/") + ".libs"  # manylinux wheels keep shared objects here
                    if os.path.isdir(libs):
                        found.append(libs)
        return found

    # -- serving --------------------------------------------------------------------------

    def serve(self) -> None:
        while True:
            control = self.control.fileno()
            ready, _, _ = select.select([control, *self.children], [], [])
            for pidfd in ready:
                if pidfd != control:
                    self.report_death(pidfd)
            if control in ready:
                request, fds = self.receive()
                if request is None:
                    self.discard(self.standby)
                    return
                self.spawn(request, fds)

    def spawn(self, request: dict, fds: list[int]) -> None:
        """Hand `request` to a standby child, then have the next one forked: right away, while
        the trusted side works with this one, unless samples are born in the home cgroup (then
        when this one has died, see `report_death`)."""
        home = self.home is not None and bool(request.get("home"))
        forker = self.home if home else self.away
        assert forker is not None, "the forkers start before the first request"
        try:
            try:
                # The standby made in advance is the home forker's child when there is one.
                premade = self.standby if home or self.home is None else None
                standby = premade or self.make_standby(forker)
                if premade:
                    self.standby = None
                socket.send_fds(standby.channel, [json.dumps(request).encode()], fds)
            except OSError:  # the standby died waiting (killed from outside): one more try
                self.discard(standby)
                standby = self.make_standby(forker)
                socket.send_fds(standby.channel, [json.dumps(request).encode()], fds)
        except OSError as exc:
            self.send({"id": request["id"], "pid": None, "setup_error": f"fork failed: {exc}"})
            return
        finally:
            for fd in fds:
                os.close(fd)
        standby.channel.close()
        self.children[standby.pidfd] = (request["id"], standby)
        self.send({"id": request["id"], "pid": standby.pid, "setup_error": None}, (standby.pidfd,))
        if self.home is None:
            self.premake(forker)

    def premake(self, forker: socket.socket) -> None:
        with contextlib.suppress(OSError):
            self.standby = self.make_standby(forker)

    def start_forkers(self, home_cgroup: list[int]) -> None:
        """Fork the processes that will fork every sample (`serve_forks`): one that moves to the
        home cgroup first (`home_cgroup`: its cgroup.procs fds), if samples get PID namespaces
        (without, the trusted side kills what is left in a sample's cgroup), and one that
        stays here. Then the first standby.

        After each fork, whichever of parent and child writes to a shared page first copies it.
        This server runs Python between forks (requests, replies, reaping), so forking samples
        itself would make it copy a few hundred pages per sample; a forker only waits for
        the next order and touches almost nothing."""
        if home_cgroup and self.layers.get("pid") is None:
            self.home = self.start_forker(home_cgroup)
        for fd in home_cgroup:
            os.close(fd)
        self.away = self.start_forker([])
        if self.away is None:
            raise SystemExit("could not start the forker")
        self.premake(self.home or self.away)

    def start_forker(self, cgroup: list[int]) -> socket.socket | None:
        """A forker, in the cgroups of `cgroup` if given (None if it could not move there)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = namespaces.clone_fork(0)
        if pid == 0:
            for other in (ours, self.control, self.home):
                if other is not None:
                    other.close()
            try:
                for fd in cgroup:
                    os.write(fd, b"0")  # "0": this process; its children are born there
                theirs.send(b"ready")
            except OSError as exc:
                theirs.send(str(exc).encode())
                os._exit(1)
            for fd in cgroup:
                os.close(fd)
            serve_forks(theirs, self.clone_flags(), self.layers, self.kept)
        theirs.close()
        if ours.recv(4096) != b"ready":
            ours.close()
            os.waitpid(pid, 0)
            return None
        return ours

    def make_standby(self, forker: socket.socket) -> Standby:
        isolated_fs = self.layers.get("filesystem") is None
        scratch = None if isolated_fs else tempfile.mkdtemp(prefix="execbench-")
        status_read, status_write = os.pipe2(os.O_CLOEXEC)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            workdir = (scratch or SAMPLE_HOME).encode()
            socket.send_fds(forker, [workdir], [theirs.fileno(), status_write])
            reply = forker.recv(64)
        except OSError as exc:
            reply = str(exc).encode()
        finally:
            theirs.close()
            os.close(status_write)
        if not reply.lstrip(b"-").isdigit():  # no forker, no samples: the trusted side restarts us
            raise SystemExit(f"the forker is gone: {reply.decode(errors='replace')}")
        pid = int(reply)
        if pid < 0:
            ours.close()
            os.close(status_read)
            raise OSError(-pid, os.strerror(-pid))
        home = forker is self.home
        return Standby(pid, namespaces.pidfd_open(pid), ours, status_read, scratch, home)

    def discard(self, standby: Standby | None) -> None:
        if standby is not None:
            standby.channel.close()
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(standby.pidfd, signal.SIGKILL)
            self.reap(standby)

    def reap(self, standby: Standby) -> tuple[int, resource.struct_rusage, str | None]:
        _, status, usage = os.wait4(standby.pid, 0)
        os.close(standby.pidfd)
        setup_error = _read_all(standby.status_read).decode("utf-8", "replace") or None
        if standby.scratch:
            shutil.rmtree(standby.scratch, ignore_errors=True)
        return status, usage, setup_error

    def report_death(self, pidfd: int) -> None:
        sample_id, standby = self.children.pop(pidfd)
        status, usage, setup_error = self.reap(standby)
        self.send(
            {
                "id": sample_id,
                "status": status,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "max_rss_kb": usage.ru_maxrss,
                "setup_error": setup_error,
            }
        )
        if standby.home and self.home is not None:
            self.premake(self.home)  # the home cgroup is empty again, but for the forker


def serve_forks(
    orders: socket.socket, flags: int, layers: dict, kept: dict[str, list[str]]
) -> NoReturn:
    """The forker: per order (a working directory, with a sample channel and a status pipe),
    fork a standby sample as a child of the server (CLONE_PARENT: the server reaps it and gets
    its rusage) and answer its pid, or minus the errno."""
    namespaces.prctl(namespaces.PR_SET_PDEATHSIG, signal.SIGKILL)
    receive, answer, fork = socket.recv_fds, orders.send, namespaces.clone_fork
    flags |= namespaces.CLONE_PARENT
    while True:
        workdir, fds, _, _ = receive(orders, 4096, 2)
        if not workdir:
            os._exit(0)
        try:
            pid = fork(flags)
        except OSError as exc:
            pid = -(exc.errno or 1)
        if pid == 0:
            orders.close()
            channel, status_fd = fds
            os.set_inheritable(status_fd, False)  # an exec'd sample must close it: see sample.py
            sample.standby(socket.socket(fileno=channel), status_fd, workdir.decode(), layers, kept)
        for fd in fds:
            os.close(fd)
        answer(str(pid).encode())


@dataclass(frozen=True)
class Standby:
    """A forked child waiting on `channel` for its sample, in its own namespaces already."""

    pid: int
    pidfd: int
    channel: socket.socket
    status_read: int
    scratch: str | None
    home: bool  # born in the home cgroup


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def require_hash_seed(seed: str | None) -> None:
    """Samples are forks of this interpreter, so its string hashing is theirs: the seed must have
    been in its environment when it started (setting PYTHONHASHSEED later changes nothing, and a
    set of strings would iterate in another order in every run)."""
    if seed is None:
        return
    started_with = None if sys.flags.ignore_environment else os.environ.get("PYTHONHASHSEED")
    if started_with != seed or sys.flags.hash_randomization != (seed != "0"):
        raise SystemExit(
            f"the fork server's PYTHONHASHSEED is {started_with!r}, not the samples' {seed!r}"
        )


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    config = json.loads(sys.argv[2])
    require_hash_seed(config["environment"].get("PYTHONHASHSEED"))
    namespaces.prctl(namespaces.PR_SET_PDEATHSIG, signal.SIGKILL)
    server = Server(control, config)
    if config["isolate"]:
        server.isolate()
    else:
        server.preload()
        for layer in ("user", "network", "ipc", "filesystem", "pid", "capabilities"):
            server.layers[layer] = "isolation turned off"
    server.seal()
    py_worker.warm_up()
    # Every sample is a fork: keep the collector off the server's objects so that samples do
    # not copy every page it would touch.
    gc.collect()
    gc.freeze()
    server.start_forkers(config["home_cgroup"])
    server.send({"ready": server.layers, "home": server.home is not None})
    server.serve()
