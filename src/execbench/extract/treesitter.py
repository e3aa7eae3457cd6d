"""Pruning to an entry point for languages other than Python, with tree-sitter grammars.

Grammars come from the per-language PyPI wheels (`pip install execbench[treesitter]`), named by
each language spec's `grammar`; they are imported lazily, and a language without one, or whose
wheel is missing, is simply not pruned (`parser_for` says None). The rules are grammar-generic:
top-level nodes that import (includes, `use`, `package`) are always kept; other top-level nodes
are kept when they define a name the entry point reaches; the candidate's own `main` goes, since
the test harness brings its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from typing import Any

from execbench.languages import find_language

_ALWAYS_KEPT = frozenset(
    {
        "preproc_include",
        "preproc_def",
        "preproc_function_def",
        "preproc_call",
        "using_declaration",
        "using_directive",
        "package_clause",
        "package_declaration",
        "import_declaration",
        "import_statement",
        "use_declaration",
        "extern_crate_declaration",
        "inner_attribute_item",
    }
)
# Nodes that only qualify the definition after them (Rust `#[derive(...)]`).
_ATTACHED_TO_NEXT = frozenset({"attribute_item"})
# Where a definition's body starts: names below these are not top-level definitions.
_BODIES = frozenset(
    {"block", "compound_statement", "statement_block", "declaration_list", "field_declaration_list"}
)
_HARNESS_OWNED = "main"


@cache
def parser_for(language: str) -> Any | None:
    """A tree-sitter parser for `language`, or None when tree-sitter or its grammar is missing."""
    spec = find_language(language)
    if spec is None or spec.grammar is None:
        return None
    try:
        tree_sitter = importlib.import_module("tree_sitter")
        module = importlib.import_module(spec.grammar.module)
    except ImportError:
        return None
    return tree_sitter.Parser(tree_sitter.Language(getattr(module, spec.grammar.function)()))


def _text(node: Any) -> str:
    return node.text.decode("utf-8", "replace")


def _declarator_name(node: Any) -> str:
    while (inner := node.child_by_field_name("declarator")) is not None:
        node = inner
    return _text(node).rsplit("::", 1)[-1]


def _defined_names(node: Any, depth: int = 0) -> set[str]:
    for field in ("name", "type") if node.type == "impl_item" else ("name",):
        named = node.child_by_field_name(field)
        if named is not None:
            return {_text(named)}
    declarator = node.child_by_field_name("declarator")
    if declarator is not None:
        return {_declarator_name(declarator)}
    names: set[str] = set()
    if depth < 2:
        for child in node.named_children:
            if child.type not in _BODIES and "expression" not in child.type:
                names |= _defined_names(child, depth + 1)
    return names


def _descendants(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def _used_names(node: Any) -> set[str]:
    return {_text(n) for n in _descendants(node) if n.type.endswith("identifier")}


def _contains_definition(node: Any, name: str) -> bool:
    """Whether `name` is defined anywhere in `node` (a method inside a class counts)."""
    for inner in _descendants(node):
        named = inner.child_by_field_name("name")
        if named is not None and _text(named) == name:
            return True
        if inner.type == "function_declarator" and _declarator_name(inner) == name:
            return True
    return False


def has_definition(language: str, code: str, name: str) -> bool | None:
    """Whether `code` defines `name`; None when no grammar is available to tell."""
    parser = parser_for(language)
    if parser is None:
        return None
    return _contains_definition(parser.parse(code.encode()).root_node, name)


def parses(language: str, code: str) -> bool | None:
    """Whether `code` parses without an error; None when no grammar is available to tell."""
    parser = parser_for(language)
    if parser is None:
        return None
    return not parser.parse(code.encode()).root_node.has_error


def prune(language: str, code: str, entry_point: str) -> str:
    """Imports, the definition of `entry_point` and what it reaches; unchanged if it cannot tell."""
    parser = parser_for(language)
    if parser is None:
        return code
    source = code.encode()
    root = parser.parse(source).root_node
    nodes = list(root.named_children)
    defines = [_defined_names(node) for node in nodes]
    roots = [i for i, node in enumerate(nodes) if _contains_definition(node, entry_point)]
    if root.has_error or not roots:
        return code
    keep = set(roots)
    needed: set[str] = set()
    frontier = list(roots)
    while frontier:
        for name in _used_names(nodes[frontier.pop()]) - needed - {_HARNESS_OWNED}:
            needed.add(name)
            for i, names in enumerate(defines):
                if name in names and i not in keep:
                    keep.add(i)
                    frontier.append(i)
    for i in range(len(nodes) - 2, -1, -1):
        if nodes[i].type in _ATTACHED_TO_NEXT and i + 1 in keep:
            keep.add(i)
    kept = [
        _with_trailing_tokens(source, node).decode("utf-8", "replace")
        for i, node in enumerate(nodes)
        if i in keep or node.type in _ALWAYS_KEPT
    ]
    return "\n\n".join(kept) + "\n"


def _with_trailing_tokens(source: bytes, node: Any) -> bytes:
    """The node's source and the anonymous tokens after it (C++'s `;` closing a class)."""
    end = node.end_byte
    sibling = node.next_sibling
    while sibling is not None and not sibling.is_named:
        end = sibling.end_byte
        sibling = sibling.next_sibling
    return source[node.start_byte : end]
