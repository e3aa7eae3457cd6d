"""The default backend: samples forked from a warm fork server inside Linux namespaces.

Per trusted worker, one fork server (inside/zygote.py) set up once: its own user, network,
IPC/UTS and mount namespaces, a read-only minimal root, the benchmark's modules already imported.
Per sample, a fork in a fresh PID and mount namespace, in cgroups that cap its memory and
processes, with rlimits, no capabilities and a fixed environment; killing its first process ends
all of it.

Every layer the machine cannot give is named in an `IsolationWarning`, once per process. The
`none` backend is the same fork server with isolation turned off, for debugging only.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
import time
import warnings
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace

from execbench.core import Execution, Limits
from execbench.sandbox.base import ISOLATION_LAYERS, IsolationWarning, PythonSession, Sandbox
from execbench.sandbox.capture import pump, stdio_pipes
from execbench.sandbox.cgroups import CgroupPool, SampleCgroup
from execbench.sandbox.channel import ChannelSession, WorkerChannel, session_socketpairs
from execbench.sandbox.cpu_watch import CpuWatch
from execbench.sandbox.fork_server import Child, ForkServer, ForkServerConfig, ForkServerError
from execbench.sandbox.host_view import hidden_dirs, read_only_binds
from execbench.sandbox.inside.frames import frame
from execbench.sandbox.process_control import classify_ending, scrubbed_environment
from execbench.sandbox.registry import register_sandbox
from execbench.sandbox.runtime import PythonRuntime

# Imported once in the fork server so samples start with them warm. Missing ones are skipped.
DEFAULT_PRELOAD = (
    "array",
    "bisect",
    "collections",
    "copy",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "fractions",
    "functools",
    "hashlib",
    "heapq",
    "itertools",
    "json",
    "math",
    "operator",
    "random",
    "re",
    "statistics",
    "string",
    "typing",
)
# Third-party packages samples may import (only these are bound back into the sandbox's root).
# Not imported in advance unless a benchmark asks (`warm`): a larger fork server makes every
# sample slower to fork and to end.
DEFAULT_PACKAGES = ("numpy",)


_warned: set[str] = set()


@register_sandbox("namespace")
class NamespaceSandbox(Sandbox):
    name = "namespace"
    isolate = True

    def __init__(
        self,
        preload: Sequence[str] = DEFAULT_PRELOAD,
        packages: Sequence[str] = DEFAULT_PACKAGES,
        runtime: PythonRuntime | None = None,
    ) -> None:
        self._preload = tuple(preload)
        self._packages = tuple(packages)
        self._runtime = runtime
        self._server: ForkServer | None = None
        self._cgroups = CgroupPool() if self.isolate else None
        # The cgroup the server's samples are born in (inside/zygote.py), and whether it is free.
        self._home: SampleCgroup | None = None
        self._home_free = False
        self._lock = threading.Lock()
        # Stop the fork server and remove our cgroups even if nobody calls close().
        self._finalizer = weakref.finalize(self, _shutdown, self.__dict__)

    def layers(self) -> dict[str, str | None]:
        """Each isolation layer, mapped to None when active or to the reason it is not."""
        found = {**self._ensure_server().layers, "rlimits": None, "environment": None}
        for controller in ("memory", "pids"):
            found[f"cgroup-{controller}"] = (
                self._cgroups.missing.get(controller) if self._cgroups else "isolation turned off"
            )
        return {layer: found.get(layer, "not reported") for layer in ISOLATION_LAYERS}

    def warm(self, modules: Sequence[str]) -> None:
        new = [name for name in modules if name not in self._preload]
        if not new:
            return
        self._preload += tuple(new)
        top = {name.partition(".")[0] for name in new} - set(sys.stdlib_module_names)
        self._packages += tuple(sorted(top - set(self._packages)))
        with self._lock:  # the next sample starts a fork server that imports them
            if self._server is not None:
                self._server.close()
                self._server = None

    @property
    def runtime(self) -> PythonRuntime | None:
        return self._runtime

    @property
    def fork_server_pid(self) -> int:
        """The fork server's host pid (it starts if it is not running)."""
        return self._ensure_server().pid

    def open_python(self, limits: Limits) -> PythonSession:
        return ForkPythonSession(self, limits)

    def run(
        self,
        argv: Sequence[str],
        limits: Limits,
        files: Mapping[str, bytes] | None = None,
        stdin: bytes = b"",
    ) -> Execution:
        started = time.monotonic()
        deadline = started + limits.wall_s
        theirs, ours = stdio_pipes()
        roles = ["stdin", "stdout", "stderr"]
        if files:
            theirs.append(_files_memfd(files))
            roles.append("files")
        request = {"mode": "exec", "argv": list(argv)}
        spawned = self.spawn(request, limits, roles, theirs)
        if isinstance(spawned, Execution):
            for fd in ours:
                os.close(fd)
            return spawned
        child, cgroup = spawned
        cpu = CpuWatch(child.pid, limits.cpu_s, started)
        captured = pump(ours, stdin, deadline, limits.output_bytes, cpu)
        wall_exceeded = captured.wall_exceeded
        if not (wall_exceeded or captured.output_exceeded or cpu.exceeded):
            # Output is closed; give the program what is left of its budget to exit by itself.
            wall_exceeded = not child.wait_exit(deadline, cpu) and not cpu.exceeded
        return self.finish(
            child,
            cgroup,
            limits,
            started,
            wall_exceeded=wall_exceeded,
            cpu_exceeded=cpu.exceeded,
            output_exceeded=captured.output_exceeded,
            stdout=captured.stdout,
            stderr=captured.stderr,
        )

    def close(self) -> None:
        with self._lock:
            self._finalizer()

    # -- shared by sessions and run ------------------------------------------------------

    def spawn(
        self, request: dict, limits: Limits, roles: list[str], fds: list[int]
    ) -> tuple[Child, SampleCgroup | None] | Execution:
        """Start a child for `request`, or the sandbox-error Execution saying why not.

        Closes `fds` (the child's ends) in every case.
        """
        cgroup, home = None, False
        try:
            server = self._ensure_server()
            cgroup, home = self._take_cgroup()
            cgroup_fds = []
            if cgroup is not None:
                cgroup.prepare(limits, residents=int(home))  # the home cgroup's forker
                cgroup_fds = [] if home else cgroup.join_fds
            request = {
                **request,
                "limits": _as_dict(limits),
                "home": home,
                "roles": [*roles, *["cgroup"] * len(cgroup_fds)],
            }
            child, error = server.spawn(request, [*fds, *cgroup_fds])
        except (ForkServerError, OSError) as exc:
            self._discard_server()
            child, error = None, str(exc)
        finally:
            for fd in fds:
                os.close(fd)
        if child is None:
            self._release(cgroup)
            return Execution(exit_code=None, sandbox_error=f"sandbox setup failed: {error}")
        return child, cgroup

    def finish(
        self,
        child: Child,
        cgroup: SampleCgroup | None,
        limits: Limits,
        started: float,
        **facts: object,
    ) -> Execution:
        """Kill what is left of the sample, wait for it, and say how it ended."""
        out_of_memory = False
        try:
            ending = child.ending()
        except ForkServerError as exc:
            self._discard_server()
            return Execution(exit_code=None, sandbox_error=str(exc))
        finally:
            if cgroup is not None and self._cgroups is not None:
                if not self._pid_namespaces:
                    cgroup.kill_all()  # else the kernel ended them all with the first process
                out_of_memory = cgroup.out_of_memory()  # read at every end, error or not
                self._release(cgroup)
        if child.setup_error:
            return Execution(exit_code=None, sandbox_error=f"sandbox setup: {child.setup_error}")
        if out_of_memory:
            ending = replace(ending, out_of_memory=True)
        return classify_ending(ending, limits, started, **facts)  # type: ignore[arg-type]

    @property
    def _pid_namespaces(self) -> bool:
        return self._server is not None and self._server.layers.get("pid") is None

    def _take_cgroup(self) -> tuple[SampleCgroup | None, bool]:
        """A cgroup for the next sample, and whether it is the home cgroup."""
        if self._cgroups is None:
            return None, False
        with self._lock:
            if self._home is not None and self._home_free:
                self._home_free = False
                return self._home, True
        return self._cgroups.acquire(), False

    def _release(self, cgroup: SampleCgroup | None) -> None:
        """Give `cgroup` to the next sample, once nothing the last one left is charged to it; a
        pool cgroup that stays charged is removed, the home cgroup is used no more."""
        if cgroup is None:
            return
        clean = cgroup.settle()
        with self._lock:
            if cgroup is self._home:
                self._home_free = clean
                return
        if clean:
            self._to_pool(cgroup)
        elif self._cgroups is not None:
            self._cgroups.discard(cgroup)

    def _to_pool(self, cgroup: SampleCgroup | None) -> None:
        if cgroup is not None and self._cgroups is not None:
            self._cgroups.release(cgroup)

    def _new_home(self) -> SampleCgroup | None:
        """The home cgroup for a server about to start; the last server's goes back to the pool
        (emptied of what that server left, or by its sample's session once it ends)."""
        if self._cgroups is None:
            return None
        old, self._home = self._home, None
        if old is not None and self._home_free:
            old.kill_all()
            self._to_pool(old)
        return self._cgroups.acquire()

    def _ensure_server(self) -> ForkServer:
        with self._lock:
            if self._server is None or not self._server.alive():
                home = self._new_home()
                binds = read_only_binds() if self.isolate else []
                hidden = hidden_dirs(binds)
                runtime = self._runtime
                if runtime is not None and self.isolate:
                    binds += runtime.binds
                    hidden += runtime.hidden
                server = ForkServer(
                    ForkServerConfig(
                        isolate=self.isolate,
                        preload=self._preload,
                        packages=self._packages,
                        binds=tuple(binds),
                        hidden=tuple(hidden),
                        environment=scrubbed_environment("/"),
                        python=runtime.python if runtime else sys.executable,
                        home_cgroup=tuple(home.join_fds) if home else (),
                    )
                )
                server.start()
                self._server = server
                if not server.home:
                    self._to_pool(home)
                    home = None
                self._home, self._home_free = home, home is not None
                self._warn_missing()
            return self._server

    def _discard_server(self) -> None:
        with self._lock:
            if self._server is not None and not self._server.alive():
                self._server.close()
                self._server = None

    def _warn_missing(self) -> None:
        assert self._server is not None
        missing = {layer: why for layer, why in self._server.layers.items() if why}
        if self._cgroups:
            missing.update({f"cgroup-{name}": why for name, why in self._cgroups.missing.items()})
        for layer, why in sorted(missing.items()):
            key = f"{self.name}:{layer}"
            if key not in _warned:
                _warned.add(key)
                warnings.warn(
                    f"sandbox {self.name!r}: {layer} isolation is OFF ({why})",
                    IsolationWarning,
                    stacklevel=4,
                )


@register_sandbox("none")
class UnisolatedSandbox(NamespaceSandbox):
    """`--sandbox none`: the fork server with no namespaces and no cgroups. Debugging only."""

    name = "none"
    isolate = False
    caveat = (
        "sandbox 'none': generated code runs WITHOUT isolation: it can read your files, use "
        "the network and signal your processes; only rlimits and a scrubbed environment "
        "remain. Use it to debug, never on untrusted samples."
    )

    def _warn_missing(self) -> None:
        """Already said, loudly, by whoever chose the backend (its `caveat`)."""


class ForkPythonSession(ChannelSession):
    def __init__(self, sandbox: NamespaceSandbox, limits: Limits) -> None:
        self._sandbox = sandbox
        self._limits = limits
        self._started = time.monotonic()
        (request_write, request_read), (reply_read, reply_write) = session_socketpairs()
        spawned = sandbox.spawn(
            {"mode": "python"}, limits, ["request", "reply"], [request_read, reply_write]
        )
        if isinstance(spawned, Execution):
            os.close(request_write)
            os.close(reply_read)
            self._execution = spawned
            return
        self._child, self._cgroup = spawned
        self._cpu = CpuWatch(self._child.pid, limits.cpu_s, self._started)
        self._channel = WorkerChannel(
            request_write,
            reply_read,
            self._started + limits.wall_s,
            self._child.exited,
            self._cpu,
        )

    def _stop(self) -> Execution:
        assert self._channel is not None
        return self._sandbox.finish(
            self._child,
            self._cgroup,
            self._limits,
            self._started,
            wall_exceeded=self._channel.timed_out,
            cpu_exceeded=self._cpu.exceeded,
        )


@functools.lru_cache(maxsize=256)
def _as_dict(limits: Limits) -> dict:
    return asdict(limits)  # the same few limits for every sample of a run: build the dict once


def _shutdown(state: dict) -> None:
    if state.get("_server") is not None:
        state["_server"].close()
        state["_server"] = None
    if state.get("_cgroups") is not None:
        state["_cgroups"].close()


def _files_memfd(files: Mapping[str, bytes]) -> int:
    """The files in one memfd, as inside/sample.py reads them: a frame holding the names and
    sizes, then every file's bytes as they are (a build archive of megabytes crosses with one copy
    each way, not as text to encode, parse and decode)."""
    fd = os.memfd_create("execbench-files", os.MFD_CLOEXEC)
    index = json.dumps([[name, len(content)] for name, content in files.items()]).encode()
    for chunk in (frame(index), *files.values()):
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
