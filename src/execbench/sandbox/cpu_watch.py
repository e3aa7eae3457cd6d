"""Stopping a sample once it has used its CPU budget, to about a hundredth of a second.

RLIMIT_CPU counts whole seconds, so alone it would let every looping sample burn at least one
second. The trusted side reads the sample's CPU time (/proc/PID/stat: every thread of it, and
the children it has waited for) only when the budget could have been reached: with C cores the
sample cannot use more than C CPU-seconds per second, so after a reading of `used`, the next is
due `(budget - used) / C` seconds later. A fast sample is never read at all. RLIMIT_CPU stays as
the backstop for what this cannot see (a child process still running when it is read).

The watch also keeps a busy machine from spending a computing sample's wall time
(`wall_deadline`). A sample that has had at least a tenth of a CPU on average is computing, not
sleeping or blocked: what it was kept waiting for a CPU by other work says nothing about it, so
only the CPU time it got counts toward its wall limit. The scheduler cannot say how long a
process waited (with autogroups, a session's wait is its group's, not its own), so the CPU time
stands in for the time it would have taken alone. On an idle machine nothing changes: a
computing sample's CPU time is its wall time. A sleeping one still meets its wall limit, and a
computing one its CPU limit.
"""

from __future__ import annotations

import os
import time

# Every CPU, not this process's: a judge worker is kept to one, but its samples may widen theirs.
_CORES = os.cpu_count() or 1
_TICKS_PER_S = os.sysconf("SC_CLK_TCK")
_MIN_GAP_S = 0.005  # /proc counts in ticks (10 ms): reading more often learns nothing
_COMPUTING_SHARE = 0.1  # of a CPU, on average since it started: below it, a sample is waiting


class CpuWatch:
    def __init__(self, pid: int, budget_s: float, started: float | None = None) -> None:
        """`started`: when the sample's wall time began (time.monotonic; default: now)."""
        self._stat = f"/proc/{pid}/stat"
        self._budget_s = budget_s
        now = time.monotonic()
        self._started = now if started is None else started
        self.due = now + budget_s / _CORES  # when to read next
        self.exceeded = False
        self._last_used_s = 0.0

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
            return self._last_used_s  # already reaped: how it ended is being reported
        utime, stime, children_utime, children_stime = (int(value) for value in fields[11:15])
        self._last_used_s = (utime + stime + children_utime + children_stime) / _TICKS_PER_S
        return self._last_used_s

    def wall_deadline(self, deadline: float) -> float:
        """When a wall limit due at `deadline` (now or past) really ends: then, if the sample is
        not computing; else once its CPU time has used what its wall time allowed."""
        now = time.monotonic()
        used = self.used_s()
        if used < _COMPUTING_SHARE * (now - self._started):
            return deadline
        return max(deadline, now + (deadline - self._started) - used)
