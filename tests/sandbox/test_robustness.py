"""Hostile programs against the real judge and namespaced sandbox: for each, the verdict is right,
the harness finishes, nothing of the sample survives, the host is untouched, and the next sample
is judged as if nothing had happened."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from execbench.core import Status
from tests.sandbox.conftest import HOSTILE_LIMITS, assert_judged_cleanly, judge_completion

# Completions of HumanEval/53 (`add(x, y)`). A host path the program tries to leave behind.
MARK = f"/tmp/execbench-robustness-{os.getpid()}"

CASES = {
    "infinite loop": ("    while True:\n        pass\n", {Status.TIMEOUT}),
    "long sleep": ("    import time\n    time.sleep(3600)\n", {Status.TIMEOUT}),
    "fork bomb": (
        "    import os\n"
        "    while True:\n"
        "        try:\n"
        "            os.fork()\n"
        "        except OSError:\n"
        "            pass\n",
        {Status.TIMEOUT, Status.ERROR},
    ),
    "filling the disk": (
        "    import os\n"
        f"    for directory in ('.', '/tmp', '/dev/shm', os.path.dirname({MARK!r})):\n"
        "        try:\n"
        "            with open(os.path.join(directory, 'fill'), 'wb') as handle:\n"
        "                while True:\n"
        "                    handle.write(b'x' * (1 << 20))\n"
        "        except OSError:\n"
        "            pass\n"
        "    return x - y\n",
        {Status.FAILED, Status.ERROR},
    ),
    "flooding stdout": (
        "    import sys\n"
        "    for _ in range(200):\n"
        "        sys.stdout.write('x' * 65536)\n"
        "        sys.stderr.write('y' * 65536)\n"
        "    return x + y\n",
        {Status.PASSED},
    ),
    "reading stdin": (
        "    import sys\n    return x + y + len(sys.stdin.read())\n",
        {Status.PASSED},
    ),
    "infinite recursion": ("    return add(x, y)\n", {Status.ERROR}),
    "ignoring SIGTERM": (
        "    import signal\n"
        "    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "    while True:\n"
        "        pass\n",
        {Status.TIMEOUT},
    ),
    "busy threads": (
        "    import threading\n"
        "    def spin():\n"
        "        while True:\n"
        "            pass\n"
        "    for _ in range(8):\n"
        "        threading.Thread(target=spin, daemon=True).start()\n"
        "    spin()\n",
        {Status.TIMEOUT},
    ),
    "killing the parent": (
        "    import os, signal\n"
        "    for pid in (os.getppid(), 0, 1):\n"
        "        try:\n"
        "            os.kill(pid, signal.SIGKILL)\n"
        "        except OSError:\n"
        "            pass\n"
        "    return x + y\n",
        {Status.PASSED},
    ),
    "kill(-1, SIGKILL)": (
        "    import os, signal\n"
        "    try:\n"
        "        os.kill(-1, signal.SIGKILL)\n"
        "    except OSError:\n"
        "        pass\n"
        "    return x + y\n",
        {Status.PASSED},
    ),
    "double-forked daemon": (
        "    return x + y\n"
        "import os, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        while True:\n"
        "            try:\n"
        f"                open({MARK!r}, 'w').write('daemon')\n"
        "            except OSError:\n"
        "                pass\n"
        "            time.sleep(0.01)\n"
        "    os._exit(0)\n",
        {Status.PASSED},
    ),
}


# Only memory can end these: CPU and wall limits far above what reaching the memory limit takes
# (paging in 512 MiB costs about a second of CPU), so a loaded machine cannot turn them into
# timeouts. The detail says which memory limit: the address space (a MemoryError in the
# program) or the cgroup's, which counts all its processes together.
MEMORY_ONLY_LIMITS = replace(HOSTILE_LIMITS, cpu_s=30.0, wall_s=60.0)
MEMORY_CASES = {
    "memory bomb at once": ("    return len(bytearray(1 << 40))\n", "MemoryError: "),
    "growing memory": (
        "    hoard = []\n    while True:\n        hoard.append(bytearray(1 << 24))\n",
        "MemoryError: ",
    ),
    # Each process stays under the address-space limit; their sum is the cgroup's to catch.
    "memory spread over processes": (
        "    import os, time\n"
        "    for _ in range(2):\n"
        "        if os.fork() == 0:\n"
        "            hoard = b'x' * (150 << 20)\n"
        "            time.sleep(5)\n"
        "            os._exit(0)\n"
        "    time.sleep(0.3)\n"
        "    hoard = b'x' * (300 << 20)\n"
        "    return x + y\n",
        "memory limit exceeded",
    ),
}


@pytest.mark.parametrize("name", list(MEMORY_CASES))
def test_only_memory_ends_a_hoarding_program(name, add_task, sandbox):
    body, detail = MEMORY_CASES[name]
    verdict = judge_completion(add_task, body, sandbox, MEMORY_ONLY_LIMITS)
    assert (verdict.status, verdict.detail) == (Status.MEMORY, detail), verdict
    assert_judged_cleanly(verdict, {Status.MEMORY}, add_task, sandbox)


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_program(name, add_task, sandbox):
    body, expected = CASES[name]
    verdict = judge_completion(add_task, body, sandbox)
    for left_behind in (MARK, "/tmp/fill", "/dev/shm/fill", Path.home() / "fill"):
        assert not os.path.exists(left_behind)
    assert_judged_cleanly(verdict, expected, add_task, sandbox)
