"""Comparing a result with the trusted expected one: equality, then a float tolerance.

The rules are EvalPlus's: results that are equal pass; otherwise, where a tolerance is in force,
results of the same type (and length) pass when `numpy.allclose(actual, expected, rtol=1e-7,
atol)` holds. Anything that cannot be compared that way is a mismatch, never an error.
"""

from __future__ import annotations

import warnings
from typing import Any

RELATIVE_TOLERANCE = 1e-7


def is_floats(value: Any) -> bool:
    """A float, or a non-empty list or tuple of floats: results compared with a tolerance."""
    if type(value) is float:
        return True
    if type(value) in (list, tuple) and value:
        return all(type(item) is float for item in value)
    return False


def equal(expected: Any, actual: Any) -> bool:
    try:
        return bool(actual == expected)
    except (RecursionError, TypeError, ValueError):
        return False


def within_tolerance(expected: Any, actual: Any, atol: float) -> bool:
    # Imported on first use: a judge worker that never compares floats starts without numpy.
    import numpy as np

    if type(actual) is not type(expected):
        return False
    if isinstance(expected, list | tuple) and len(actual) != len(expected):
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bool(np.allclose(actual, expected, rtol=RELATIVE_TOLERANCE, atol=atol))
    except (TypeError, ValueError, OverflowError, RecursionError):
        return False
