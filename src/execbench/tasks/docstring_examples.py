"""The examples a Python prompt's docstring shows, as assert statements a solver may run.

Prompts write them in many ways: assert lines (MBPP's prompts in EvalPlus), doctests (`>>> f(1)`
then `2` on the next line) and lines such as `f(1) == 2`, `f(1) ➞ 2`, `f(1) => 2`, `f(1) returns
2`, `f(1) should return 2.` (HumanEval). An example is kept only when the arguments and the
expected value are Python literals (builtins such as `round` may wrap the call), so prose
(`f(n) = 1 + n / 2, if n is even`) and other languages' spellings (`=> true`) are left out rather
than turned into wrong tests.
"""

from __future__ import annotations

import ast
import builtins
import re

# What may stand between a call and its expected value, longest first.
_ARROWS = ("should return", "# returns", "returns", "# =>", "==>", "=>", "==", "➞", "->", "=")
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_TRAILING = re.compile(r"\s*(?:#.*)?$")


def docstring_examples(prompt: str, entry_point: str) -> tuple[str, ...]:
    """`assert entry_point(ARGS) == EXPECTED` for each example the prompt shows, in order."""
    lines = prompt.splitlines()
    # A docstring that defines the function by a recurrence (`tri(n) = 1 + n / 2`) writes its
    # base cases with `=` too (`tri(1) = 3`): those are not examples of what it returns.
    arrows = _ARROWS[:-1] if _recurrence(lines, entry_point) else _ARROWS
    found: list[str] = []
    for number, line in enumerate(lines):
        text = line.strip()
        if text.startswith(">>>"):
            call = _literal_call(text[3:].strip(), entry_point)
            expected = _doctest_output(lines[number + 1 :])
            if call is not None and expected is not None:
                found.append(_assertion(call, expected))
            continue
        example = _assert_line(text, entry_point) or _inline_example(text, entry_point, arrows)
        if example is not None:
            found.append(example)
    return tuple(dict.fromkeys(found))


def _assertion(call: str, expected: str) -> str:
    return f"assert {call} == {expected}"


def _assert_line(text: str, entry_point: str) -> str | None:
    """`text` if it is one assert statement calling the entry point."""
    if not text.startswith("assert "):
        return None
    try:
        (statement,) = ast.parse(text).body
    except (SyntaxError, ValueError):
        return None
    calls = (
        node
        for node in ast.walk(statement)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    )
    if isinstance(statement, ast.Assert) and any(c.func.id == entry_point for c in calls):  # type: ignore[attr-defined]
        return text
    return None


def _doctest_output(following: list[str]) -> str | None:
    """The expected output under a `>>>` line: the lines up to a blank one or the next prompt."""
    output = []
    for line in following:
        text = line.strip()
        if not text or text.startswith(">>>") or text.startswith('"""'):
            break
        output.append(text)
    return _literal(" ".join(output)) if output else None


def _recurrence(lines: list[str], entry_point: str) -> bool:
    """Whether the entry point is called on something not a literal (`f(n - 1)`) outside code."""
    for line in lines:
        start = line.find(f"{entry_point}(")
        if start == -1 or line.strip().startswith(("def ", ">>>", "return")):
            continue
        end = _call_end(line, start + len(entry_point))
        if end is not None and _literal_call(line[start:end], entry_point) is None:
            return True
    return False


def _inline_example(text: str, entry_point: str, arrows: tuple[str, ...]) -> str | None:
    start = text.find(f"{entry_point}(")
    if start == -1 or text[:start].rstrip().endswith("def"):
        return None
    end = _call_end(text, start + len(entry_point))
    if end is None:
        return None
    call = _literal_call(text[start:end], entry_point)
    rest = text[end:].strip()
    for arrow in arrows:
        if rest.startswith(arrow):
            expected = _literal(_TRAILING.sub("", rest[len(arrow) :]).strip().rstrip(".").strip())
            if call is not None and expected is not None:
                return _assertion(call, expected)
            return None
    return None


def _call_end(text: str, open_at: int) -> int | None:
    """The index after the parenthesis closing the one at `open_at`, brackets inside strings
    and nested calls included (the call must also parse: see `_literal_call`)."""
    depth = 0
    for index in range(open_at, len(text)):
        if text[index] in "([{":
            depth += 1
        elif text[index] in ")]}":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def _literal_call(source: str, entry_point: str) -> str | None:
    """`source` if it is an expression calling `entry_point` on literals (builtins such as
    `round` may wrap it), else None."""
    try:
        node = ast.parse(source, mode="eval").body
    except SyntaxError:
        return None
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    if entry_point not in names or not names <= {entry_point, *_BUILTINS}:
        return None
    if any(isinstance(n, ast.Attribute | ast.Lambda | ast.NamedExpr) for n in ast.walk(node)):
        return None
    return ast.unparse(node)


def _literal(source: str) -> str | None:
    try:
        ast.literal_eval(source)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return source
