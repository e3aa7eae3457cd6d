"""Resource limits for one sandboxed execution."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Limits:
    cpu_s: float = 10.0
    wall_s: float = 20.0
    memory_mb: int = 4096
    max_processes: int = 64
    file_size_mb: int = 64
    open_files: int = 256
    output_bytes: int = 1 << 20

    def scaled(self, cpu_s: float) -> Limits:
        """The same limits with a new CPU budget, the wall cap following it."""
        return replace(self, cpu_s=cpu_s, wall_s=max(self.wall_s, 2 * cpu_s + 1))
