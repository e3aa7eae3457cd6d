"""Per-sample cgroups (v1 memory and pids controllers): a memory cap the sample cannot raise, a
process/thread cap a fork bomb cannot pass, and a record of out-of-memory kills.

Cgroups are made once per trusted worker and reused sample after sample (making one costs more
than running a small sample), each only once nothing the last sample left is charged to it
(`settle`); one that stays charged is removed and a fresh one made. A sample is born in the fork
server's home cgroup (inside/zygote.py), or joins its cgroups itself through descriptors we opened.
Where cgroups cannot be had (no v1 hierarchy we may write, e.g. an unprivileged user on a v2-only
system), `CgroupPool.missing` says why, and rlimits alone bound the sample.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import uuid
from pathlib import Path

from execbench.core import Limits

CONTROLLERS = ("memory", "pids")
_PREFIX = "execbench-"  # then the pid of the trusted process that made it
SETTLE_TIMEOUT_S = 2.0
# Shared memory a cgroup may still hold when the next sample starts: what a sample could leave is
# freed soon after it ends in any case (`SampleCgroup.settle`), a few megabytes do not matter.
SETTLE_SLACK_BYTES = 16 << 20


def _own_cgroup_dirs() -> tuple[dict[str, Path], dict[str, str]]:
    """The writable v1 directory of this process's cgroup for each controller, or why not."""
    mounts: dict[str, Path] = {}
    with contextlib.suppress(OSError), open("/proc/self/mountinfo") as handle:
        for line in handle:
            fields = line.split()
            separator = fields.index("-")
            if fields[separator + 1] != "cgroup":
                continue
            options = set(fields[separator + 3].split(","))
            for controller in CONTROLLERS:
                if controller in options:
                    mounts[controller] = Path(fields[4])
    memberships: dict[str, str] = {}
    with contextlib.suppress(OSError), open("/proc/self/cgroup") as handle:
        for line in handle:
            _, names, path = line.rstrip("\n").split(":", 2)
            for name in names.split(","):
                memberships[name] = path
    found: dict[str, Path] = {}
    missing: dict[str, str] = {}
    for controller in CONTROLLERS:
        if controller not in mounts or controller not in memberships:
            missing[controller] = f"no cgroup v1 {controller} hierarchy is mounted"
            continue
        base = mounts[controller] / memberships[controller].lstrip("/")
        if not os.access(base, os.W_OK):
            missing[controller] = f"{base} is not writable by this user"
            continue
        found[controller] = base
    return found, missing


class SampleCgroup:
    """One sample's cgroups, one directory per controller."""

    def __init__(self, dirs: dict[str, Path]) -> None:
        self.dirs = dirs
        self._limits: tuple[Limits, int] | None = None  # as last written
        memory = dirs.get("memory")
        # Kept open: read again at offset 0 after every sample, they are generated afresh.
        self._oom_control = os.open(memory / "memory.oom_control", os.O_RDONLY) if memory else None
        self._memory_stat = os.open(memory / "memory.stat", os.O_RDONLY) if memory else None
        self._memory_usage = (
            os.open(memory / "memory.usage_in_bytes", os.O_RDONLY) if memory else None
        )
        self._oom_kills = self._read_oom_kills()
        # Opened once: each sample joins through a copy of these passed to it.
        self.join_fds = [os.open(path / "cgroup.procs", os.O_WRONLY) for path in dirs.values()]

    def prepare(self, limits: Limits, residents: int = 0) -> None:
        """Set `limits` (written only when they change: most samples share them). `residents`:
        processes that live in the cgroup besides the sample's."""
        if (limits, residents) == self._limits:
            return
        memory = self.dirs.get("memory")
        if memory is not None:
            _write(memory / "memory.limit_in_bytes", str(limits.memory_mb * 1024 * 1024))
        pids = self.dirs.get("pids")
        if pids is not None:
            _write(pids / "pids.max", str(limits.max_processes + residents))
        self._limits = (limits, residents)

    def out_of_memory(self) -> bool:
        """Whether the kernel killed something for lack of memory since the last call."""
        before, self._oom_kills = self._oom_kills, self._read_oom_kills()
        return self._oom_kills > before

    def settle(self, timeout_s: float = SETTLE_TIMEOUT_S) -> bool:
        """Wait until no shared memory the last sample made is charged here; False if some still
        is after `timeout_s` (then the cgroup must not be given to another sample).

        A sample's tmpfs mounts go with its mount namespace as its last process exits, but the
        kernel frees the SysV segments of its IPC namespace a little later (after an RCU grace
        period): the next sample would find its budget already spent."""
        deadline = time.monotonic() + timeout_s
        pause = 0.001
        while self._left_charged():
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(2 * pause, 0.05)
        return True

    def kill_all(self) -> None:
        """SIGKILL every process left in the cgroups (what stops them without a PID namespace)."""
        for _ in range(100):
            pids = self._members()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)

    def remove(self) -> None:
        self.kill_all()
        counters = (self._oom_control, self._memory_stat, self._memory_usage)
        stats = [fd for fd in counters if fd is not None]
        opened = [*self.join_fds, *stats]
        for fd in opened:
            with contextlib.suppress(OSError):
                os.close(fd)
        for path in self.dirs.values():
            with contextlib.suppress(OSError):
                path.rmdir()

    def _members(self) -> set[int]:
        members: set[int] = set()
        for path in self.dirs.values():
            with contextlib.suppress(OSError):
                members.update(int(pid) for pid in (path / "cgroup.procs").read_text().split())
        return members

    def _left_charged(self) -> bool:
        """Whether more than SETTLE_SLACK_BYTES of shared memory (tmpfs, IPC) is charged here.
        The total usage is read first: it is cheaper than memory.stat, and mostly small."""
        if self._memory_stat is None or self._memory_usage is None:
            return False
        with contextlib.suppress(OSError, ValueError):
            if int(os.pread(self._memory_usage, 64, 0)) <= SETTLE_SLACK_BYTES:
                return False
            stat = os.pread(self._memory_stat, 4096, 0)
            start = stat.index(b"\nshmem ") + len(b"\nshmem ")
            return int(stat[start : stat.index(b"\n", start)]) > SETTLE_SLACK_BYTES
        return False

    def _read_oom_kills(self) -> int:
        if self._oom_control is None:
            return 0
        with contextlib.suppress(OSError, ValueError):
            for line in os.pread(self._oom_control, 4096, 0).splitlines():
                key, _, value = line.partition(b" ")
                if key == b"oom_kill":
                    return int(value)
        return 0


class CgroupPool:
    """The cgroups of one trusted worker, handed to one sample at a time and reused."""

    def __init__(self) -> None:
        self._bases, self.missing = _own_cgroup_dirs()
        for base in self._bases.values():
            _remove_stale(base)
        self._free: list[SampleCgroup] = []
        self._all: list[SampleCgroup] = []
        self._lock = threading.Lock()

    def acquire(self) -> SampleCgroup | None:
        if not self._bases:
            return None
        with self._lock:
            if self._free:
                return self._free.pop()
        name = f"{_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        dirs = {}
        for controller, base in self._bases.items():
            try:
                (base / name).mkdir()
                dirs[controller] = base / name
            except OSError as exc:
                self.missing[controller] = f"cannot create a cgroup under {base}: {exc}"
        del_bases = [controller for controller in self._bases if controller not in dirs]
        for controller in del_bases:
            del self._bases[controller]
        cgroup = SampleCgroup(dirs)
        with self._lock:
            self._all.append(cgroup)
        return cgroup

    def release(self, cgroup: SampleCgroup | None) -> None:
        if cgroup is not None:
            with self._lock:
                self._free.append(cgroup)

    def discard(self, cgroup: SampleCgroup) -> None:
        """Remove a cgroup that cannot be reused (what is charged to it moves to its parent)."""
        with self._lock:
            if cgroup in self._all:
                self._all.remove(cgroup)
        cgroup.remove()

    def close(self) -> None:
        with self._lock:
            for cgroup in self._all:
                cgroup.remove()
            self._all.clear()
            self._free.clear()


def _write(path: Path, value: str) -> None:
    with open(path, "w") as handle:
        handle.write(value)


def _remove_stale(base: Path) -> None:
    """Remove cgroups left by trusted processes that died without cleaning up (kill -9)."""
    with contextlib.suppress(OSError):
        for entry in base.iterdir():
            owner = entry.name.removeprefix(_PREFIX).partition("-")[0]
            if not (entry.name.startswith(_PREFIX) and owner.isdigit()):
                continue
            try:
                os.kill(int(owner), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    entry.rmdir()
            except PermissionError:
                pass
