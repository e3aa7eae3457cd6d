"""Mutants of a reference program: every single-site change of five kinds, on the syntax tree.

Arithmetic (`+`/`-`, `*`/`//`, `/`/`*`, `%`/`//`, `**`/`*`), comparison (a bound moved: `<`/`<=`,
`>`/`>=`; negated: `==`/`!=`, `in`/`not in`, `is`/`is not`), boolean (`and`/`or`, a `not`
dropped, `True`/`False`), constant (an integer plus and minus one) and return value (`return x`
becomes `return None`). The kinds are those of mutation-testing tools (mutmut, cosmic-ray), hand
written here because those tools mutate files on disk and run a test command on the host; this
needs mutant sources in memory, to run in the sandbox. Docstrings are left alone.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_ARITHMETIC: dict[type, type] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
}
_COMPARISON: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BOOLEAN: dict[type, type] = {ast.And: ast.Or, ast.Or: ast.And}


@dataclass(frozen=True)
class _Edit:
    """One change in place: `holder.field` (or its item `index`) becomes `value`."""

    holder: Any
    field: str
    value: Any
    index: int | None = None

    def swap(self) -> Any:
        """Put `value` in place; return the edit that puts back what was there."""
        if self.index is None:
            before = getattr(self.holder, self.field)
            setattr(self.holder, self.field, self.value)
        else:
            items = getattr(self.holder, self.field)
            before = items[self.index]
            items[self.index] = self.value
        return _Edit(self.holder, self.field, before, self.index)


def _edits(node: ast.AST, parent: ast.AST | None, docstrings: set[int]) -> Iterator[_Edit]:
    if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _ARITHMETIC:
        yield _Edit(node, "op", _ARITHMETIC[type(node.op)]())
    elif isinstance(node, ast.BoolOp):
        yield _Edit(node, "op", _BOOLEAN[type(node.op)]())
    elif isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            if type(op) in _COMPARISON:
                yield _Edit(node, "ops", _COMPARISON[type(op)](), position)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and parent is not None:
        yield from _replacements(parent, node, node.operand)
    elif isinstance(node, ast.Constant) and id(node) not in docstrings:
        if type(node.value) is bool:
            yield _Edit(node, "value", not node.value)
        elif type(node.value) is int:
            yield _Edit(node, "value", node.value + 1)
            yield _Edit(node, "value", node.value - 1)
    elif isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
        yield _Edit(node, "value", ast.Constant(None))


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _replacements(parent: ast.AST, old: ast.AST, new: ast.AST) -> Iterator[_Edit]:
    """Edits of `parent` putting `new` where `old` is."""
    for field, value in ast.iter_fields(parent):
        if value is old:
            yield _Edit(parent, field, new)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if item is old:
                    yield _Edit(parent, field, new, index)


def _docstring_ids(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def mutants(source: str, limit: int | None = None, seed: int = 0) -> list[str]:
    """Every single-change mutant of `source` (each distinct and unlike the original), in the
    order of the tree; at most `limit` of them, drawn with `seed`, keeping that order."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    docstrings = _docstring_ids(tree)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: dict[str, None] = {}
    for node in list(ast.walk(tree)):
        for edit in list(_edits(node, parents.get(id(node)), docstrings)):
            undo = edit.swap()
            try:
                text = ast.unparse(tree)
            except (ValueError, RecursionError):
                text = original
            finally:
                undo.swap()
            if text != original:
                found.setdefault(text + "\n", None)
    result = list(found)
    if limit is not None and len(result) > limit:
        chosen = sorted(random.Random(seed).sample(range(len(result)), limit))
        result = [result[i] for i in chosen]
    return result
