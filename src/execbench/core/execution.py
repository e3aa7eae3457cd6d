"""What happened when a program ran: the raw facts a judge turns into a verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LimitHit(StrEnum):
    NONE = "none"
    CPU = "cpu"
    WALL = "wall"
    MEMORY = "memory"
    OUTPUT = "output"


@dataclass(frozen=True)
class Execution:
    exit_code: int | None
    signal: int | None = None
    stdout: str = ""
    stderr: str = ""
    cpu_s: float = 0.0
    wall_s: float = 0.0
    max_rss_kb: int = 0
    limit_hit: LimitHit = LimitHit.NONE
    sandbox_error: str | None = None
