"""Stopping a sample once it has used its CPU budget, to about a hundredth of a second.

RLIMIT_CPU counts whole seconds, so alone it would let every looping sample burn at least one
second. The trusted side reads the sample's CPU time (/proc/PID/stat: every thread of it, and
the children it has waited for) only when the budget could have been reached: with C cores the
sample cannot use more than C CPU-seconds per second, so after a reading of `used`, the next is
due `(budget - used) / C` seconds later. A fast sample is never read at all. RLIMIT_CPU stays as
the backstop for what this cannot see (a child process still running when it is read).
"""

from __future__ import annotations

import os
import time

# Every CPU, not this process's: a judge worker is kept to one, but its samples may widen theirs.
_CORES = os.cpu_count() or 1
_TICKS_PER_S = os.sysconf("SC_CLK_TCK")
_MIN_GAP_S = 0.005  # /proc counts in ticks (10 ms): reading more often learns nothing


class CpuWatch:
    def __init__(self, pid: int, budget_s: float) -> None:
        self._stat = f"/proc/{pid}/stat"
        self._budget_s = budget_s
        self.due = time.monotonic() + budget_s / _CORES  # when to read next
        self.exceeded = False

    def check(self) -> bool:
        """Whether the budget is used up (it stays so); if not, when to read next is moved on."""
        used = self.used_s()
        if used >= self._budget_s:
            self.exceeded = True
        else:
            self.due = time.monotonic() + max(_MIN_GAP_S, (self._budget_s - used) / _CORES)
        return self.exceeded

    def used_s(self) -> float:
        try:
            with open(self._stat, "rb") as handle:
                fields = handle.read().rpartition(b")")[2].split()
        except OSError:
            return 0.0  # already reaped: how it ended is being reported
        utime, stime, children_utime, children_stime = (int(value) for value in fields[11:15])
        return (utime + stime + children_utime + children_stime) / _TICKS_PER_S
