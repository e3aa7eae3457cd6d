"""Fixtures for sandbox tests: a real namespaced sandbox, a HumanEval task, leftover checks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from execbench.core import Limits, Program, Task, Verdict
from execbench.judge import judge
from execbench.sandbox import make_sandbox
from execbench.sandbox.isolated import NamespaceSandbox

# Small limits keep the hostile cases quick; they are generous for the honest ones.
HOSTILE_LIMITS = Limits(
    cpu_s=1.0,
    wall_s=3.0,
    memory_mb=512,
    max_processes=32,
    file_size_mb=8,
    open_files=64,
    output_bytes=1 << 16,
)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[NamespaceSandbox]:
    box = make_sandbox("namespace")
    assert isinstance(box, NamespaceSandbox)
    yield box
    box.close()


@pytest.fixture(scope="session")
def add_task(humaneval_tasks: dict[str, Task]) -> Task:
    """HumanEval/53, `add(x, y)`: its trusted check makes over a hundred calls."""
    return humaneval_tasks["HumanEval/53"]


def judge_completion(
    task: Task, body: str, sandbox: NamespaceSandbox, limits: Limits = HOSTILE_LIMITS
) -> Verdict:
    return judge(task, Program("python", task.prompt + body), sandbox, limits)


def sandbox_leftovers(server_pid: int) -> list[str]:
    """What is left of finished samples: processes in the fork server's user namespace other
    than the server, its forkers (its children in its own PID namespace) and the one idle
    child it keeps forked for the next sample, and zombies."""
    userns = os.readlink(f"/proc/{server_pid}/ns/user")
    pidns = os.readlink(f"/proc/{server_pid}/ns/pid")
    children, others = [], []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == server_pid:
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        line = f"{entry}: {status.splitlines()[0]}"
        ours = f"\nPPid:\t{server_pid}\n" in status
        if ours and "\nState:\tZ" in status:  # a zombie has no namespaces left to read
            others.append(f"{line} (zombie)")
            continue
        try:
            in_namespace = os.readlink(f"/proc/{entry}/ns/user") == userns
            forker = os.readlink(f"/proc/{entry}/ns/pid") == pidns
        except OSError:
            continue
        if ours and not forker:
            children.append(line)
        elif in_namespace and not ours:
            others.append(line)
    return others + (children if len(children) > 1 else [])


def assert_judged_cleanly(verdict: Verdict, expected: set, task: Task, sandbox: NamespaceSandbox):
    """The verdict is one of `expected`, nothing of the sample is left, the next sample passes."""
    assert verdict.status in expected, verdict
    assert sandbox_leftovers(sandbox.fork_server_pid) == []
    assert judge_completion(task, task.reference[len(task.prompt) :], sandbox).passed
