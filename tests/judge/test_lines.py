"""LiveCodeBench's stdout rule: lines stripped, equal as text or as decimals, no tolerance."""

from __future__ import annotations

import pytest

from execbench.judge.lines import compare_lines


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        ("3\n", "3"),
        ("  1 2  \n3\n\n", "1 2\n   3"),  # each line and the whole output stripped
        ("2.500000", "2.5"),  # equal as decimals
        ("1 2.0 3", "1.0 2 3.000"),
        ("1e3", "1000"),
        ("Yes", "Yes\r\n"),
    ],
)
def test_matching_outputs(expected: str, actual: str) -> None:
    assert compare_lines(expected, actual) is None


@pytest.mark.parametrize(
    ("expected", "actual", "described"),
    [
        ("0.3333333", "0.3333333000001", "line 1: expected '0.3333333'"),  # no tolerance
        ("50000000000000000", "50000000000000001", "line 1"),
        ("1 2", "1\n2", "line 1: expected '1 2', got '1'"),  # tokens match, lines do not
        ("1\n2", "1 2", "line 1: expected '1', got '1 2'"),
        ("a\nb", "a", "output ended before line 2"),
        ("a", "a\nb", "extra output from line 2"),
        ("nan", "nan", None),  # the same text is a match, even where NaN != NaN
        ("nan 1", "NaN 1", "line 1"),
        ("yes", "YES", "line 1"),
    ],
)
def test_differing_outputs(expected: str, actual: str, described: str | None) -> None:
    mismatch = compare_lines(expected, actual)
    if described is None:
        assert mismatch is None
    else:
        assert mismatch is not None and described in mismatch.describe()
