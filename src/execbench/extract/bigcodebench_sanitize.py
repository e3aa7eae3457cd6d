"""BigCodeBench's sanitizer for chat replies, reimplemented with `ast` (bigcodebench/sanitize.py
does it with tree-sitter; this follows what it keeps, not how).

1. The code: the contiguous run of lines (two at least) that parses as Python and has the most
   non-blank lines; the first such run wins a tie. None parses: the reply's first line.
2. Pruned to the entry point: every top-level import (a `__future__` import is not one to
   tree-sitter), then the top-level classes, functions and simple assignments the entry point
   reaches through the identifiers they contain, in their order. Decorated definitions, other
   statements (`if`, `try`, calls, augmented assignments) and a second definition of a name are
   dropped, as there. A run of top-level lines at the end that names the entry point is cut.
3. Nothing left: the code of step 1, unpruned.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator

_Definition = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


def sanitize(text: str, entry_point: str) -> str:
    # (As there: the pruned code comes from the stripped reply, the fallback from the reply.)
    pruned = _pruned(longest_parsable_block(text.strip()), entry_point).strip()
    return pruned or longest_parsable_block(text)


def longest_parsable_block(text: str) -> str:
    lines = text.split("\n")
    # nonblank[k]: non-blank lines among lines[:k]
    nonblank = [0]
    for line in lines:
        nonblank.append(nonblank[-1] + bool(line.strip()))
    best, best_count = (0, 0), 0
    for start in range(len(lines)):
        if nonblank[-1] - nonblank[start] <= best_count:
            break  # no run from here on can have more
        for end in range(start + 1, len(lines)):
            count = nonblank[end + 1] - nonblank[start]
            if count > best_count and _parses("\n".join(lines[start : end + 1])):
                best, best_count = (start, end), count
    return "\n".join(lines[best[0] : best[1] + 1])


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, MemoryError, ValueError, RecursionError):
        return False
    return True


def _pruned(code: str, entry_point: str) -> str:
    try:
        module = ast.parse(code)
    except (SyntaxError, MemoryError, ValueError, RecursionError):
        return ""
    imports: list[ast.stmt] = []
    definitions: list[tuple[str | None, ast.AST]] = []
    seen: set[str | None] = set()
    for node in module.body:
        if isinstance(node, ast.Import) or (
            isinstance(node, ast.ImportFrom) and not _is_future(node)
        ):
            imports.append(node)
            continue
        named = _definition(node)
        if named is not None and named[0] not in seen:
            seen.add(named[0])
            definitions.append(named)
    uses = {name: set(_identifiers(node)) for name, node in definitions}
    reached = _reachable(entry_point, uses)
    kept = [*imports, *(node for name, node in definitions if name in reached)]
    output = "\n".join(ast.get_source_segment(code, node) or "" for node in kept)
    return _cut_trailing_mentions(output, entry_point)


def _is_future(node: ast.ImportFrom) -> bool:
    return node.module == "__future__" and node.level == 0


def _definition(node: ast.stmt) -> tuple[str | None, ast.AST] | None:
    """(name, the node whose text is kept) for what tree-sitter's sanitizer counts as one."""
    if isinstance(node, _Definition):
        return None if node.decorator_list else (node.name, node)
    if isinstance(node, ast.Assign):
        first = node.targets[0]
        return (first.id if isinstance(first, ast.Name) else None), node
    if isinstance(node, ast.AnnAssign):
        target = node.target
        return (target.id if isinstance(target, ast.Name) else None), node
    return None


def _identifiers(node: ast.AST) -> Iterator[str]:
    """Every identifier in `node`, as tree-sitter sees them: names, attributes, parameters,
    keywords, and the names definitions and imports bind."""
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            yield child.id
        elif isinstance(child, ast.Attribute):
            yield child.attr
        elif isinstance(child, _Definition):
            yield child.name
        elif isinstance(child, ast.arg | ast.keyword) and child.arg:
            yield child.arg
        elif isinstance(child, ast.alias):
            yield from child.name.split(".")
            if child.asname:
                yield child.asname
        elif isinstance(child, ast.Global | ast.Nonlocal):
            yield from child.names
        elif isinstance(child, ast.ExceptHandler) and child.name:
            yield child.name


def _reachable(entry_point: str, uses: dict[str | None, set[str]]) -> set[str | None]:
    reached: set[str | None] = {entry_point}
    queue = deque([entry_point])
    while queue:
        for name in uses.get(queue.popleft(), ()):
            if name not in reached:
                reached.add(name)
                queue.append(name)
    return reached


def _cut_trailing_mentions(code: str, entry_point: str) -> str:
    """bigcodebench's last step: among the top-level lines at the end, the first that names the
    entry point and everything after it go."""
    lines = code.splitlines()
    first_mention = None
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].startswith(" "):
            break
        if entry_point in lines[index]:
            first_mention = index
    return code if first_mention is None else "\n".join(lines[:first_mention])
