"""Judging value predictions (CRUXEval): the sample is an expression, not a program.

Nothing the candidate wrote is compared where it could steer the comparison: the answer is
evaluated in a sandbox, its value comes back as plain data, and `==` runs here against the value
of the trusted expected expression. An output prediction must be a value: a literal, checked on
its syntax tree before anything runs, so `f( x)`, `f(*x)` or `(lambda g: g(x))(f)` cannot pass by
having the function compute the answer (CRUXEval's own harness refuses only the exact text
`f(<input>)`; its prompt asks for "a literal (no unsimplified expressions, no function calls)").
Where no program is given (LiveCodeBench's test output prediction: the question shows the
function, nothing defines it), the answer may be any expression, evaluated alone, as lcb_runner
`eval`s it.
Input prediction evaluates `f(<predicted arguments>)` beside the program (CRUXEval inputs name
its globals and pass lambdas); arguments that reach for `f` itself or the interpreter's internals
(`__code__`, `setattr`, `globals`...) are refused, so the prediction cannot patch the function it
is meant to satisfy.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Any

from execbench.core import Limits, PredictionTests, Program, Status, Task, Verdict
from execbench.judge.outcome import ended_verdict
from execbench.judge.registry import register_judge
from execbench.sandbox import CallOutcome, CallStatus, Sandbox
from execbench.sandbox.shown import shown

_VALUE = "__execbench_value"


class _Unjudgeable(Exception):
    """The verdict is decided before any comparison (carried as the exception's verdict)."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.detail)
        self.verdict = verdict


@register_judge(PredictionTests)
def judge_prediction(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    tests = task.tests
    assert isinstance(tests, PredictionTests)
    answer = answer_expression(program.source, tests.predicts == "input", tests.function)
    if answer is None:  # nothing that compiles, as a program that does not
        return Verdict(Status.COMPILE_ERROR, "the answer is not a Python expression")
    for banned in tests.forbidden:
        if banned in answer:
            return Verdict(Status.FAILED, f"the answer may not contain {banned!r}")
    if tests.predicts == "output" and tests.program:  # a function is at hand to compute it
        computed = not_literal(answer)
        if computed is not None:
            detail = f"the predicted output must be a literal value; {computed}"
            return Verdict(Status.FAILED, detail)
    try:
        expected = _expected_value(tests, sandbox, limits)
        if tests.predicts == "input":
            got = _call_with_predicted_input(tests, answer, sandbox, limits)
        else:  # a literal (or, with no program, any expression) needs nothing of the program
            got = _evaluate(sandbox, limits, "", answer, "the answer")
    except _Unjudgeable as stop:
        return stop.verdict
    if expected == got:
        return Verdict(Status.PASSED, tests_run=1)
    return Verdict(Status.FAILED, f"expected {shown(expected)}, got {shown(got)}", tests_run=1)


def answer_expression(text: str, predicts_input: bool, function: str) -> str | None:
    """The answer inside a model's text: `[ANSWER]` tags and `assert f(x) == y` are unwrapped.

    Output prediction keeps the right side of the assertion, input prediction the left (a call
    of `function`). Text that does not parse as Python falls back to CRUXEval's own string
    splitting, so answers its harness accepts are accepted here too.
    """
    if "[ANSWER]" in text:
        text = text.split("[ANSWER]", 1)[1]
    text = text.split("[/ANSWER]", 1)[0].strip()
    side = _assertion_side(text, predicts_input, function)
    if side is not None:
        return side
    if _parses(text):
        return text
    if "==" in text:
        text = text.split("==")[0 if predicts_input else 1]
    if predicts_input and "assert" in text:
        text = text.split("assert")[1]
    text = text.strip()
    return text if _parses(text) else None


def _assertion_side(text: str, predicts_input: bool, function: str) -> str | None:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if len(tree.body) != 1:
        return None
    node = tree.body[0]
    compare = node.test if isinstance(node, ast.Assert) else getattr(node, "value", None)
    if not (
        isinstance(compare, ast.Compare)
        and len(compare.ops) == 1
        and isinstance(compare.ops[0], ast.Eq)
    ):
        return None
    left, right = compare.left, compare.comparators[0]
    if not isinstance(node, ast.Assert) and not _is_call_of(left, function):
        return None  # a bare `a == b` is an answer in its own right, not an assertion
    return ast.get_source_segment(text, left if predicts_input else right)


def _parses(text: str) -> bool:
    try:
        ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return bool(text)


def not_literal(expression: str) -> str | None:
    """None when `expression` is a literal value; else the first part of it that is not, shown.

    Literals are what `ast.literal_eval` accepts, bar `set()` (a name: no CRUXEval output needs
    it): constants, tuples, lists, sets and dicts of literals, signed numbers and complex sums.
    Nothing is named, called, indexed or computed, so the value cannot come from the function.
    """
    offending = _first_computed(ast.parse(expression, mode="eval").body)
    if offending is None:
        return None
    return f"{shown(ast.unparse(offending))} is a {type(offending).__name__}"


def _first_computed(node: ast.expr) -> ast.expr | None:
    if isinstance(node, ast.Constant):
        return None
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        parts: list[ast.expr] = list(node.elts)
    elif isinstance(node, ast.Dict):
        if None in node.keys:  # a `**mapping` entry
            return node
        parts = [*(key for key in node.keys if key is not None), *node.values]
    elif isinstance(node, ast.UnaryOp):
        return None if _signed_number(node) is not None else node
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):  # `1+2j`
        real = isinstance(_signed_number(node.left), int | float)
        imaginary = isinstance(node.right, ast.Constant) and type(node.right.value) is complex
        return None if real and imaginary else node
    else:
        return node
    return next((part for part in map(_first_computed, parts) if part is not None), None)


def _signed_number(node: ast.expr) -> int | float | complex | None:
    """The number `node` is, written with an optional sign (not a bool); None for anything else."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd | ast.USub):
        node = node.operand
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(value, int | float | complex) and not isinstance(value, bool):
        return value
    return None


def _is_call_of(node: ast.AST, function: str) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function
    )


def _call_with_predicted_input(
    tests: PredictionTests, answer: str, sandbox: Sandbox, limits: Limits
) -> Any:
    call = ast.parse(answer, mode="eval").body
    if not _is_call_of(call, tests.function):
        try:
            call = ast.parse(f"{tests.function}({answer})", mode="eval").body
        except SyntaxError as exc:
            raise _Unjudgeable(
                Verdict(Status.FAILED, f"the answer is not arguments of {tests.function}()")
            ) from exc
    assert isinstance(call, ast.Call)
    tampering = _tampering(call, tests.function)
    if tampering:
        detail = f"the predicted input may not use {tampering!r}"
        raise _Unjudgeable(Verdict(Status.FAILED, detail, tests_run=1))
    # Inputs may name the program's globals or be lambdas, so they are evaluated beside it.
    return _evaluate(sandbox, limits, tests.program, ast.unparse(call), "the predicted call")


# Names and attributes an input has no business with: they reach the function under test or
# the interpreter (rebinding or patching `f` before it runs), not the problem.
_TAMPERING_NAMES = frozenset(
    {"globals", "locals", "vars", "setattr", "delattr", "getattr", "exec", "eval", "compile"}
)


def _tampering(call: ast.Call, function: str) -> str | None:
    for node in ast.walk(ast.Module(body=[ast.Expr(a) for a in call.args], type_ignores=[])):
        if isinstance(node, ast.Name) and (node.id == function or node.id in _TAMPERING_NAMES):
            return node.id
        if isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name.startswith("__"):
                return name
    for keyword in call.keywords:
        found = _tampering(ast.Call(ast.Name(function), [keyword.value], []), function)
        if found:
            return found
    return None


def _expected_value(tests: PredictionTests, sandbox: Sandbox, limits: Limits) -> Any:
    literal = _literal(tests.expected)
    if literal is not _NOT_LITERAL:
        return literal
    try:
        return _evaluate(sandbox, limits, tests.program, tests.expected, "the expected value")
    except _Unjudgeable as stop:  # the benchmark's own expectation failed: not the candidate's
        detail = f"could not compute the expected value: {stop.verdict.detail}"
        raise _Unjudgeable(Verdict(Status.SANDBOX_ERROR, detail)) from stop


_NOT_LITERAL = object()


@lru_cache(maxsize=4096)
def _literal(source: str) -> Any:
    try:
        return ast.literal_eval(source)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_LITERAL


def _evaluate(sandbox: Sandbox, limits: Limits, setup: str, expression: str, what: str) -> Any:
    """The plain value of `expression`, evaluated in a fresh sandbox after `setup`."""
    with sandbox.open_python(limits) as session:
        if setup:
            _loaded(session.load(setup), "the benchmark's program")
        # The expression parsed on its own, so parentheses cannot be unbalanced by it.
        _loaded(session.load(f"{_VALUE} = lambda: (\n{expression}\n)\n"), what)
        return _value(session.call(_VALUE, (), {}), what)


def _loaded(outcome: CallOutcome, what: str) -> None:
    if outcome.status is CallStatus.OK:
        return
    if what == "the benchmark's program":
        raise _Unjudgeable(Verdict(Status.SANDBOX_ERROR, f"{what} did not load: {outcome.message}"))
    _value(outcome, what)


def _value(outcome: CallOutcome, what: str) -> Any:
    if outcome.status is CallStatus.OK:
        return outcome.value
    if outcome.status is CallStatus.RAISED:
        detail = f"{what} raised {outcome.error_type}: {outcome.message}"
        raise _Unjudgeable(Verdict(Status.ERROR, detail, outcome.error_type, tests_run=1))
    if outcome.status is CallStatus.BAD_VALUE:
        detail = f"{what} is a {outcome.error_type}, not plain data"
        raise _Unjudgeable(Verdict(Status.FAILED, detail, tests_run=1))
    raise _Unjudgeable(ended_verdict(outcome.execution, tests_run=1))
