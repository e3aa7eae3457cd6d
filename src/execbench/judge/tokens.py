"""Comparing a program's stdout with the expected output: whitespace-insensitive tokens.

Two tokens match when they are the same text, or when both are decimal numbers of equal value
(`3` and `3.0`), or when the expected token is a real number (it has a decimal point or an
exponent) and the actual one is within the tolerance of it (absolute, or relative to the expected
value's size), the usual rule of competitive-programming judges for real-valued answers.

An expected integer gets no tolerance: with a relative one, 10^12 + 1 would pass for 10^12.
LiveCodeBench's grade_stdio compares tokens as exact `Decimal`s for this reason ("gotcha:
np.isclose(50000000000000000, 50000000000000001) = True"); APPS's testing_util falls back to
`np.allclose` over every line, integers included, and so accepts such wrong answers; testlib's
checkers (Codeforces's, where most CodeContests problems come from) compare integers exactly
(`wcmp`, `ncmp`) and use a tolerance only in the real-number checkers (`rcmp4`, `rcmp6`...).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from execbench.sandbox.shown import shown

# Plain decimal numbers only: "nan", "inf" and "1_000" parse as floats but are not numbers here.
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
# What makes a number token a real one, whose tolerance applies.
_REAL = re.compile(r"[.eE]")


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
    if not (_NUMBER.fullmatch(expected) and _NUMBER.fullmatch(actual)):
        return False
    if _same_value(expected, actual):
        return True
    if tolerance <= 0 or not _REAL.search(expected):
        return False
    want, got = float(expected), float(actual)
    if not (math.isfinite(want) and math.isfinite(got)):
        return False
    return abs(want - got) <= tolerance * max(1.0, abs(want))


def _same_value(expected: str, actual: str) -> bool:
    try:
        return Decimal(expected) == Decimal(actual)
    except InvalidOperation:  # an exponent beyond Decimal's range: only the same text is equal
        return False


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
