"""Cut a Python module down to an entry point and what it depends on, with `ast`.

Chat answers surround the solution with example calls, `print`s, test functions and
`if __name__ == "__main__":` blocks; run as a module those slow the program down, print to a
stdout the judge may read, or fail. Pruning keeps every import, the entry point's definition and,
transitively, every top-level function, class and global assignment it names.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from execbench.core.lines import split_lines


@dataclass(frozen=True)
class _TopLevel:
    """One top-level statement: what it defines, what it names, where it lies (1-based lines)."""

    node: ast.stmt
    defines: frozenset[str]
    uses: frozenset[str]
    first_line: int
    last_line: int

    @property
    def is_import(self) -> bool:
        return _is_import(self.node)


def _is_import(node: ast.stmt) -> bool:
    if isinstance(node, ast.Import | ast.ImportFrom):
        return True
    # `try: import numpy as np / except ImportError: ...` is an import too.
    return isinstance(node, ast.Try) and all(
        isinstance(child, ast.Import | ast.ImportFrom) for child in node.body
    )


def _target_names(targets: Iterable[ast.expr]) -> set[str]:
    names: set[str] = set()
    for target in targets:
        names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def _defined_names(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Assign):
        return _target_names(node.targets)
    if isinstance(node, ast.AnnAssign | ast.AugAssign):
        return _target_names([node.target])
    return set()


def _used_names(node: ast.stmt) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _top_level(tree: ast.Module) -> list[_TopLevel]:
    statements = []
    for node in tree.body:
        decorators = getattr(node, "decorator_list", [])
        first = min([node.lineno, *(d.lineno for d in decorators)])
        statements.append(
            _TopLevel(
                node=node,
                defines=frozenset(_defined_names(node)),
                uses=frozenset(_used_names(node)),
                first_line=first,
                last_line=node.end_lineno or node.lineno,
            )
        )
    return statements


def defines(source: str, name: str) -> bool:
    """Whether `source` parses and defines `name` at top level."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    return any(name in statement.defines for statement in _top_level(tree))


def top_level_names(source: str) -> set[str]:
    """Names `source` defines at top level (imports included); empty when it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in tree.body:
        names |= _defined_names(node) | _import_names(node)
    return names


def prune(source: str, entry_point: str) -> str:
    """Imports, `entry_point` and its transitive top-level dependencies, in source order.

    Source that does not parse, or does not define `entry_point`, comes back unchanged: the judge
    then reports the real problem instead of a program we mangled.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    statements = _top_level(tree)
    if not any(entry_point in s.defines for s in statements):
        return source
    needed = {entry_point}
    frontier = [entry_point]
    while frontier:
        name = frontier.pop()
        for statement in statements:
            if name in statement.defines:
                for used in statement.uses - needed:
                    needed.add(used)
                    frontier.append(used)
    lines = split_lines(source)
    kept = [
        "\n".join(lines[s.first_line - 1 : s.last_line])
        for s in statements
        if s.is_import or s.defines & needed
    ]
    return "\n\n".join(kept) + "\n"


def context_for(code: str, prefix: str, entry_point: str) -> str:
    """Top-level statements of the task's prompt that `code` relies on but does not define.

    HumanEval prompts import `List` and define helpers such as `poly` that a chat answer uses
    without repeating them; they are put back in front of the answer (pruning drops the unused).
    """
    try:
        prefix_tree = ast.parse(prefix)
    except SyntaxError:
        return ""
    present = top_level_names(code)
    lines = split_lines(prefix)
    wanted = []
    for statement in _top_level(prefix_tree):
        if entry_point in statement.defines:
            continue
        if statement.is_import:
            missing = not _import_names(statement.node) <= present
        else:
            missing = bool(statement.defines) and not statement.defines <= present
        if missing:
            wanted.append("\n".join(lines[statement.first_line - 1 : statement.last_line]))
    return "\n".join(wanted) + "\n" if wanted else ""


def _import_names(node: ast.stmt) -> set[str]:
    """The names a top-level import statement binds (none for any other statement)."""
    names: set[str] = set()
    if not _is_import(node):
        return names
    for child in ast.walk(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in child.names)
    return names
