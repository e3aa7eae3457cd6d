"""What a sample's own IPC namespace adds to forking it, against forking without one, in one run.

    .venv/bin/python bench/bench_fork_namespaces.py [--forks 3000]

Inside a user namespace of its own (as the fork server), a child is cloned in fresh PID and mount
namespaces, exits, and is reaped; the same with a fresh IPC namespace too (what each sample gets).
The two are interleaved fork by fork, so load on the machine falls on both alike; the figures are
medians per fork and the ratio of the two. Needs unprivileged user namespaces (or root).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from execbench.sandbox.inside import namespaces

VARIANTS = {
    "PID + mount": namespaces.CLONE_NEWPID | namespaces.CLONE_NEWNS,
    "PID + mount + IPC": namespaces.CLONE_NEWPID | namespaces.CLONE_NEWNS | namespaces.CLONE_NEWIPC,
}


def _forks(count: int) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {label: [] for label in VARIANTS}
    for _ in range(count):
        for label, flags in VARIANTS.items():
            started = time.perf_counter()
            child = namespaces.clone_fork(flags)
            if child == 0:
                os._exit(0)
            os.waitpid(child, 0)
            seconds[label].append(time.perf_counter() - started)
    return seconds


def _in_own_namespaces(count: int) -> None:
    """Fork a child that enters a user namespace (mapped by us) and measures there."""
    to_parent_read, to_parent_write = os.pipe()
    to_child_read, to_child_write = os.pipe()
    child = os.fork()
    if child == 0:
        namespaces.unshare(namespaces.CLONE_NEWUSER)
        os.write(to_parent_write, b"unshared")
        os.read(to_child_read, 1)
        namespaces.unshare(namespaces.CLONE_NEWNS | namespaces.CLONE_NEWIPC)
        os.setresuid(0, 0, 0)
        seconds = _forks(count)
        medians = {label: statistics.median(values) for label, values in seconds.items()}
        for label, median in medians.items():
            print(f"{label:20s} median {median * 1e6:8.1f} us per fork, exit and wait")
        base, with_ipc = medians.values()
        print(f"ratio (with IPC / without):         {with_ipc / base:.3f}")
        os._exit(0)
    os.read(to_parent_read, len(b"unshared"))
    root = os.getuid() == 0
    uid, gid = (65534, 65534) if root else (os.getuid(), os.getgid())
    maps = {"uid_map": f"0 {uid} 1\n", "gid_map": f"0 {gid} 1\n"}
    if not root:
        maps = {"setgroups": "deny", **maps}
    for name, text in maps.items():
        with open(f"/proc/{child}/{name}", "w") as handle:
            handle.write(text)
    os.write(to_child_write, b"go")
    os.waitpid(child, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forks", type=int, default=3000)
    _in_own_namespaces(parser.parse_args().forks)


if __name__ == "__main__":
    main()
