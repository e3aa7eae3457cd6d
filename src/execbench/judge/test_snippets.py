"""How TestEval reads a generated test (its format.py), on the trusted side, as text only.

A test keeps the lines from the first `def test...` line to the first line that calls
`solution.<function>` (one test input per test); it is dedented when it starts indented, a last
line that does not compile alone (cut by a token limit) is dropped, and the first function is
renamed `test_<function>`. A sample of the overall-coverage task may hold several tests: it is
split at each top-level `def test` line first.
"""

from __future__ import annotations

import ast
import itertools
import re
import textwrap

_TOP_LEVEL_TEST = re.compile(r"^def test")


def split_tests(text: str) -> list[str]:
    """The sample's tests: each top-level `def test...` with the lines up to the next one."""
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines) if _TOP_LEVEL_TEST.match(line)]
    if not starts:
        return [text] if text.strip() else []
    bounds = [*starts, len(lines)]
    return ["\n".join(lines[begin:end]) for begin, end in itertools.pairwise(bounds)]


def formatted_test(text: str, function: str) -> str:
    """The test as TestEval runs it (`remove_extra` then `reformat_case_byrules`)."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if "def test" in line), 0)
    call = f"solution.{function}"
    end = next((n + 1 for n, line in enumerate(lines) if call in line), len(lines))
    test = "\n".join(lines[start:end])
    if test.startswith(" "):
        test = textwrap.dedent(test)
    kept = test.split("\n")
    if not compiles(textwrap.dedent(kept[-1])):
        kept = kept[:-1]
    return _renamed("\n".join(kept), f"test_{function}")


def compiles(code: str) -> bool:
    try:
        compile(code, "<test>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _renamed(code: str, name: str) -> str:
    """TestEval's `change_function_name`: the first function definition gets `name`; code that
    does not parse stays as it is."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            if node.name == name:
                return code
            node.name = name
            return ast.unparse(tree)
    return code
