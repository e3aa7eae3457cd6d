"""Resource limits for one sandboxed execution, and the one rule tying wall time to CPU time."""

from __future__ import annotations

from dataclasses import dataclass, replace

# A program that computes reaches its CPU budget first; the wall cap stops those that sleep or
# block. It is twice the budget, plus room to start up on a busy machine.
WALL_PER_CPU = 2.0
WALL_SLACK_S = 2.0


def wall_for(cpu_s: float, per_cpu: float = WALL_PER_CPU, slack_s: float = WALL_SLACK_S) -> float:
    """The wall cap that goes with a CPU budget of `cpu_s`."""
    return per_cpu * cpu_s + slack_s


@dataclass(frozen=True)
class Limits:
    cpu_s: float = 10.0
    wall_s: float = 20.0
    memory_mb: int = 4096
    max_processes: int = 64
    file_size_mb: int = 64
    open_files: int = 256
    output_bytes: int = 1 << 20

    @classmethod
    def for_cpu(cls, cpu_s: float, **others: int) -> Limits:
        """Limits with a CPU budget of `cpu_s` and the wall cap that goes with it."""
        return cls(cpu_s=cpu_s, wall_s=wall_for(cpu_s), **others)

    def with_cpu(
        self, cpu_s: float, per_cpu: float = WALL_PER_CPU, slack_s: float = WALL_SLACK_S
    ) -> Limits:
        """These limits with a CPU budget of `cpu_s`, the wall cap following it (`wall_for`)
        without going against the change: a larger budget never shortens the wall cap, and a
        smaller one never lengthens it."""
        if cpu_s == self.cpu_s:
            return self
        wall = wall_for(cpu_s, per_cpu, slack_s)
        wall = max(self.wall_s, wall) if cpu_s > self.cpu_s else min(self.wall_s, wall)
        return replace(self, cpu_s=cpu_s, wall_s=wall)
