"""Comparing stdout with the expected output line by line, LiveCodeBench's rule.

Both outputs are stripped as a whole, split at newlines, and each line stripped; they must have
as many lines. A line matches when it is the same text, or when both lines are whitespace-
separated decimal numbers of equal values (`Decimal`, so "1.0" matches "1" but 0.3333 does not
match 0.333, and 50000000000000000 does not match 50000000000000001). There is no tolerance.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from execbench.judge.tokens import Mismatch


def _decimals(line: str) -> list[Decimal] | None:
    try:
        return [Decimal(part) for part in line.split()]
    except (InvalidOperation, ValueError):
        return None


def lines_match(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    want, got = _decimals(expected), _decimals(actual)
    if want is None or got is None:
        return False
    try:
        return want == got
    except InvalidOperation:  # a signalling NaN refuses to be compared: no match
        return False


def _stripped_lines(text: str) -> list[str]:
    return [line.strip() for line in text.strip().split("\n")]


def compare_lines(expected: str, actual: str) -> Mismatch | None:
    """None when `actual` matches `expected` line by line; else the first difference."""
    want, got = _stripped_lines(expected), _stripped_lines(actual)
    for position in range(max(len(want), len(got))):
        if position >= len(want):
            return Mismatch(position, None, got[position], "line")
        if position >= len(got):
            return Mismatch(position, want[position], None, "line")
        if not lines_match(want[position], got[position]):
            return Mismatch(position, want[position], got[position], "line")
    return None
