"""A busy machine does not spend a program's wall time: the wall limit is put off by the time the
program waited for a CPU, so a right answer is not a timeout because other work ran beside it;
a program that sleeps still meets its wall limit."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from execbench.core import LimitHit, Limits
from execbench.sandbox import Sandbox, make_sandbox

# One second of CPU time, however fast the machine: sharing its one CPU with a process that
# never stops computing (and whatever else runs there), it needs more wall time than the wall
# limit below, yet less CPU time.
BUSY = (
    "import time\n"
    "end = time.process_time() + 1.0\n"
    "while time.process_time() < end:\n"
    "    pass\n"
    "print('done')\n"
)
LIMITS = Limits(cpu_s=10.0, wall_s=1.5)


@pytest.fixture
def one_busy_cpu() -> Iterator[Sandbox]:
    """A sandbox whose samples share one CPU with a process that never stops computing."""
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    hog = "while True:\n    pass\n"
    hogs = [subprocess.Popen([sys.executable, "-c", hog])]
    sandbox = make_sandbox()  # its fork server starts now, on that one CPU
    try:
        yield sandbox
    finally:
        sandbox.close()
        for process in hogs:
            process.kill()
            process.wait()
        os.sched_setaffinity(0, before)


def test_a_program_kept_waiting_for_a_cpu_is_not_timed_out(one_busy_cpu: Sandbox) -> None:
    execution = one_busy_cpu.run([sys.executable, "-c", BUSY], LIMITS)
    assert execution.limit_hit is LimitHit.NONE, execution
    assert execution.stdout.strip() == "done"
    assert execution.wall_s > LIMITS.wall_s  # it did wait: the limit was put off, not unneeded


def test_a_sleeping_program_still_meets_its_wall_limit(one_busy_cpu: Sandbox) -> None:
    execution = one_busy_cpu.run([sys.executable, "-c", "import time; time.sleep(30)"], LIMITS)
    assert execution.limit_hit is LimitHit.WALL
    assert execution.wall_s < 10
