"""The fork server: a warm interpreter that forks one sandboxed process per sample. Standalone.

Started by the trusted side as `python -s -P zygote.py CONTROL_FD CONFIG_JSON` with a SEQPACKET
socket on CONTROL_FD. Once, at start: it enters new user, mount, network, IPC and UTS namespaces
(the trusted side writes its uid/gid map), imports the modules samples will need, builds the
read-only root (rootfs.py) and becomes the namespace's unprivileged root. Then, per request,
it forks a child in a fresh PID and mount namespace (`sample.py` sets it up and runs the candidate),
hands the trusted side a pidfd for it, and reports its wait status and rusage when it dies. When
a sample's first process dies, the kernel kills every process in its PID namespace.

Messages are JSON. To the trusted side: {"unshared": error|null} then {"ready": {layer: reason}}
(a null reason means the layer is active); per spawn {"id", "pid", "setup_error"} with the pidfd;
per death {"id", "status", "cpu_s", "max_rss_kb"}.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import resource  # noqa: F401 - os.wait4 needs it, and the root may not show it later
import select
import shutil
import signal
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import namespaces
import rootfs
import sample

del sys.path[0]

SAMPLE_HOME = "/home/sandbox"
_MESSAGE_SIZE = 1 << 16
_MAX_FDS = 16


class Server:
    def __init__(self, control: socket.socket, config: dict) -> None:
        self.control = control
        self.config = config
        self.layers: dict[str, str | None] = {}
        self.children: dict[int, tuple[int, int, str | None]] = {}  # pidfd -> id, pid, tmp dir

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
            except OSError as exc:
                layers["filesystem"] = str(exc)
        layers["pid"] = self.probe_pid_namespace()
        layers["capabilities"] = None

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
        if pid_ns is None:
            pid_ns = self.layers.get("pid") is None
        flags = namespaces.CLONE_NEWPID if pid_ns else 0
        if self.layers.get("filesystem") is None:
            flags |= namespaces.CLONE_NEWNS
        return flags

    def preload(self) -> None:
        for name in self.config["preload"]:
            with contextlib.suppress(Exception):
                importlib.import_module(name)

    def package_dirs(self) -> list[str]:
        """Where the preloaded third-party packages live (bound back into the sandbox)."""
        found = []
        for name in self.config["preload"]:
            top = name.partition(".")[0]
            module = sys.modules.get(top)
            if top in sys.stdlib_module_names or module is None:
                continue
            for path in getattr(module, "__path__", []):
                found.append(path)
                libs = path.rstrip("/") + ".libs"  # manylinux wheels keep shared objects here
                if os.path.isdir(libs):
                    found.append(libs)
        return found

    # -- serving --------------------------------------------------------------------------

    def serve(self) -> None:
        while True:
            ready, _, _ = select.select([self.control, *self.children], [], [])
            for pidfd in ready:
                if pidfd is not self.control:
                    self.report_death(pidfd)
            if self.control in ready:
                request, fds = self.receive()
                if request is None:
                    return
                self.spawn(request, fds)

    def spawn(self, request: dict, fds: list[int]) -> None:
        isolated_fs = self.layers.get("filesystem") is None
        scratch = None if isolated_fs else tempfile.mkdtemp(prefix="execbench-")
        status_read, status_write = os.pipe2(os.O_CLOEXEC)
        flags = self.clone_flags()
        try:
            pid = namespaces.clone_fork(flags)
        except OSError as exc:
            for fd in (*fds, status_read, status_write):
                os.close(fd)
            self.send({"id": request["id"], "pid": None, "setup_error": f"fork failed: {exc}"})
            return
        if pid == 0:
            self.control.close()
            for pidfd in self.children:
                os.close(pidfd)
            sample.run(request, fds, status_write, scratch or SAMPLE_HOME, self.layers)
        os.close(status_write)
        for fd in fds:
            os.close(fd)
        pidfd = namespaces.pidfd_open(pid)
        setup_error = _read_all(status_read).decode("utf-8", "replace") or None
        self.children[pidfd] = (request["id"], pid, scratch)
        self.send({"id": request["id"], "pid": pid, "setup_error": setup_error}, (pidfd,))

    def report_death(self, pidfd: int) -> None:
        sample_id, pid, scratch = self.children.pop(pidfd)
        _, status, usage = os.wait4(pid, 0)
        os.close(pidfd)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        self.send(
            {
                "id": sample_id,
                "status": status,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "max_rss_kb": usage.ru_maxrss,
            }
        )


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    config = json.loads(sys.argv[2])
    namespaces.prctl(namespaces.PR_SET_PDEATHSIG, signal.SIGKILL)
    sample.prepare(namespaces.read_last_cap())
    server = Server(control, config)
    if config["isolate"]:
        server.isolate()
    else:
        server.preload()
        for layer in ("user", "network", "ipc", "filesystem", "pid", "capabilities"):
            server.layers[layer] = "isolation turned off"
    # Every sample is a fork: keep the collector off the server's objects so that samples do
    # not copy every page it would touch.
    gc.collect()
    gc.freeze()
    server.send({"ready": server.layers})
    server.serve()


if __name__ == "__main__":
    main()
