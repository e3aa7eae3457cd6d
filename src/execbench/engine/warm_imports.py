"""Which heavy libraries a benchmark's programs use, so that warm interpreters import them first.

Read from the reference solutions: a benchmark whose references import numpy has samples that
do too, and importing it in each sample costs far more than once in the fork server. Only known
libraries whose import has no side effects qualify: the fork server imports them before it is
fully sandboxed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

from execbench.core import Task
from execbench.core.python_source import walked

WARMABLE = ("numpy", "pandas", "scipy", "sympy", "networkx")
_NAMES = re.compile(rf"\b(?:{'|'.join(WARMABLE)})\b")


def heavy_imports(tasks: Iterable[Task]) -> tuple[str, ...]:
    found: set[str] = set()
    for task in tasks:
        # A source that never spells a library's name cannot import it: most are not parsed.
        if task.language == "python" and _NAMES.search(task.reference):
            found |= _top_level_modules(task.reference)
    return tuple(name for name in WARMABLE if name in found)


def _top_level_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in walked(source):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.partition(".")[0])
    return names
