"""The `calls` tests of custom tasks: argument lists and expected results, judged as EvalPlus
judges (judge/call_tests.py: equality in the trusted process, floats within a tolerance).

An item is `{args: [...], expected: ...}` in JSON / YAML values, or, for values JSON cannot hold
(tuples, sets, dicts with non-string keys, bytes), `{args_literal: "...", expected_literal:
"..."}`: Python literals (`ast.literal_eval`), the arguments as a list or tuple. `atol` beside
`calls` sets the absolute float tolerance (default: 1e-6 where the expected result is a float).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from execbench.core import CallCase, CallTests, UserError

Problem = Callable[[str, str], UserError]  # (field, message) -> the error naming file and line


def calls_tests(spec: dict[str, Any], entry_point: str, problem: Problem) -> CallTests:
    calls = spec["calls"]
    if not isinstance(calls, list) or not calls:
        raise problem("tests.calls", "must be a non-empty list of {args, expected}")
    cases = tuple(_case(call, number, problem) for number, call in enumerate(calls, start=1))
    atol = spec.get("atol", 0.0)
    if not isinstance(atol, int | float) or isinstance(atol, bool) or atol < 0:
        raise problem("tests.atol", "must be a non-negative number")
    return CallTests(entry_point, cases, atol=float(atol))


def _case(call: Any, number: int, problem: Problem) -> CallCase:
    field = f"tests.calls[{number}]"
    if isinstance(call, dict) and "args_literal" in call and "expected_literal" in call:
        args = _literal(call["args_literal"], f"{field}.args_literal", problem)
        if not isinstance(args, list | tuple):
            raise problem(f"{field}.args_literal", "must be a list or tuple of arguments")
        return CallCase(tuple(args), _literal(call["expected_literal"], field, problem))
    if isinstance(call, dict) and isinstance(call.get("args"), list) and "expected" in call:
        return CallCase(tuple(call["args"]), call["expected"])
    raise problem(field, "needs 'args' (a list) and 'expected', or the two *_literal forms")


def _literal(text: Any, field: str, problem: Problem) -> Any:
    if not isinstance(text, str):
        raise problem(field, "must be a string holding a Python literal")
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        raise problem(field, f"not a Python literal: {exc}") from exc
