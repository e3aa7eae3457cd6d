"""What a failed assert says: the assert, the last call that crossed the sandbox boundary and what
it returned, and the value expected where the assert compares against one.

All of it is built here, on the trusted side: the call and its result are what the proxy saw
cross, the expected value is evaluated from the test's own expression (never one that calls the
candidate, never one with a call at all), and every value is formatted with hard size caps.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from types import FrameType
from typing import Any

from execbench.sandbox.shown import exception_message, shown

_ASSERT_CHARS = 300
_VALUE_CHARS = 200
_ARGUMENT_CHARS = 80


@dataclass(frozen=True)
class CrossedCall:
    """One call of the candidate, as the trusted side saw it go out and come back."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    returned: Any = None
    raised: str | None = None  # the exception type's name, when it raised

    def describe(self) -> str:
        arguments = [shown(arg, _ARGUMENT_CHARS) for arg in self.args] + [
            f"{key}={shown(value, _ARGUMENT_CHARS)}" for key, value in self.kwargs.items()
        ]
        call = f"{self.name}({', '.join(arguments)})"
        if self.raised:
            return f"{call} raised {self.raised}"
        return f"{call} returned {shown(self.returned, _VALUE_CHARS)}"


def assertion_detail(
    exc: AssertionError,
    filename: str,
    code: str,
    last_call: CrossedCall | None,
    proxies: Collection[object],
) -> str:
    """`<the assert>: <call> returned <value>, expected <value>`, each part where known.

    `proxies` are the candidate's stand-ins: a call of a name bound to one of them (HumanEval's
    `candidate`, MBPP's function name) is a call of the candidate."""
    found = _failing_frame(exc, filename)
    if found is None:
        return exception_message(exc, _ASSERT_CHARS) or "AssertionError"
    frame, line = found
    statement = _assert_at(code, line)
    message = exception_message(exc, _ASSERT_CHARS)
    if statement is None:  # a raised AssertionError: its own message says the most
        if message:
            return message
        return _shorten(code.splitlines()[line - 1].strip()) if line else "AssertionError"
    text = _shorten(" ".join((ast.get_source_segment(code, statement) or "").split()))
    if message:
        text += f"  ({message})"
    if last_call is None:
        return text
    text += f": {last_call.describe()}"
    expected = _expected(statement, frame, proxies)
    return text if expected is None else f"{text}, expected {expected}"


def _shorten(text: str) -> str:
    return text if len(text) <= _ASSERT_CHARS else text[: _ASSERT_CHARS - 3] + "..."


def _failing_frame(exc: BaseException, filename: str) -> tuple[FrameType, int] | None:
    found = None
    traceback = exc.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            found = (traceback.tb_frame, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


@lru_cache(maxsize=1024)
def _asserts(code: str) -> tuple[ast.Assert, ...]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ()
    return tuple(node for node in ast.walk(tree) if isinstance(node, ast.Assert))


def _assert_at(code: str, line: int) -> ast.Assert | None:
    """The innermost assert statement spanning `line`."""
    spanning = [
        node for node in _asserts(code) if node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    return max(spanning, key=lambda node: node.lineno, default=None)


def _expected(statement: ast.Assert, frame: FrameType, proxies: Collection[object]) -> str | None:
    """The other side of `candidate(...) == other`, when `other` can be evaluated safely."""
    test = statement.test
    if not (
        isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
    ):
        return None
    left, right = test.left, test.comparators[0]

    def calls_candidate(node: ast.AST) -> bool:
        return any(
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and any(_bound(frame, inner.func.id) is proxy for proxy in proxies)
            for inner in ast.walk(node)
        )

    if calls_candidate(left) and not calls_candidate(right):
        other = right
    elif calls_candidate(right) and not calls_candidate(left):
        other = left
    else:
        return None
    if any(isinstance(node, ast.Call | ast.Lambda | ast.NamedExpr) for node in ast.walk(other)):
        return None  # evaluating it again could do work, or change state
    try:
        value = eval(  # the test's own trusted expression, without a call
            compile(ast.Expression(other), "<expected>", "eval"), frame.f_globals, frame.f_locals
        )
    except Exception:
        return None
    return shown(value, _VALUE_CHARS)


def _bound(frame: FrameType, name: str) -> object:
    for namespace in (frame.f_locals, frame.f_globals):
        if name in namespace:
            return namespace[name]
    return None
