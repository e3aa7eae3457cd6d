"""Parsing benchmark Python (references, asserts) to read names out of it."""

from __future__ import annotations

import ast
import warnings


def parse_quietly(source: str) -> ast.Module:
    """`ast.parse`, without the warnings old data triggers (invalid escapes such as '\\d')."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return ast.parse(source)
