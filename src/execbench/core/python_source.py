"""Python source read as a syntax tree, by code that only looks: nothing here runs it."""

from __future__ import annotations

import ast
from collections.abc import Iterator


def parsed(source: str) -> ast.Module | None:
    """`source`'s syntax tree, or None when it is not valid Python."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):  # ValueError: a NUL byte in the source
        return None


def walked(source: str) -> Iterator[ast.AST]:
    """Every node of `source`'s syntax tree; none when it is not valid Python."""
    tree = parsed(source)
    return ast.walk(tree) if tree is not None else iter(())
