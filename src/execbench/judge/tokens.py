"""Comparing a program's stdout with the expected output: whitespace-insensitive tokens.

Two tokens match when they are the same text, or when both are decimal numbers within the
tolerance of each other (absolute, or relative to the expected value's size), the usual rule of
competitive-programming judges for real-valued answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from execbench.sandbox.shown import shown

# Plain decimal numbers only: "nan", "inf" and "1_000" parse as floats but are not numbers here.
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Mismatch:
    """Where the outputs first differ, for the verdict's detail: which token (or line)."""

    position: int
    expected: str | None
    actual: str | None
    unit: str = "token"

    def describe(self) -> str:
        where = f"{self.unit} {self.position + 1}"
        if self.expected is None:
            return f"extra output from {where}: {shown(self.actual, 60)}"
        if self.actual is None:
            return f"output ended before {where} ({shown(self.expected, 60)})"
        return f"{where}: expected {shown(self.expected, 60)}, got {shown(self.actual, 60)}"


def tokens_match(expected: str, actual: str, tolerance: float) -> bool:
    if expected == actual:
        return True
    if tolerance <= 0 or not (_NUMBER.fullmatch(expected) and _NUMBER.fullmatch(actual)):
        return False
    want, got = float(expected), float(actual)
    if not (math.isfinite(want) and math.isfinite(got)):
        return False
    return abs(want - got) <= tolerance * max(1.0, abs(want))


def compare_output(expected: str, actual: str, tolerance: float) -> Mismatch | None:
    """None when `actual` matches `expected` token by token; else the first difference."""
    want, got = expected.split(), actual.split()
    for position in range(max(len(want), len(got))):
        if position >= len(want):
            return Mismatch(position, None, got[position])
        if position >= len(got):
            return Mismatch(position, want[position], None)
        if not tokens_match(want[position], got[position], tolerance):
            return Mismatch(position, want[position], got[position])
    return None
