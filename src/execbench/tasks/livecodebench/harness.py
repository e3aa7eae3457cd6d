"""How LiveCodeBench's harness turns a sample into what runs (lcb_runner's testing_util.py).

- Every program runs after the harness's star imports (`IMPORTS`: math, collections, itertools...
  all in scope, recursion limit 50000), so a solution may use `gcd` or `deque` unimported.
- A stdin program is wrapped: its top-level imports stay at module level, every other statement
  becomes the body of `wrapped_function()`, which is then called; a `SystemExit` inside it ends the
  run normally (the output so far is judged). A trailing `if __name__ == '__main__':` block is
  unwrapped first. As there, a program whose functions assign its top-level names with `global`
  fails (those names are now the wrapper's locals), and one that does not parse is run as given.
- The call sees the harness's stand-ins, as there: `sys.stdin` whose `read()` gives the whole
  input (every time), `readline()` the next line without its newline (StopIteration at the end),
  `readlines()` the lines split at newlines, `buffer.read()` the bytes and `buffer.readline()`
  always the first line; it cannot be iterated. Output is what the call wrote to `sys.stdout`
  (`sys.stdout.buffer` does not exist). What the harness leaves real stays real, and its stdin is
  empty there (drained here): names bound by the program's top-level imports (`from sys import
  stdin`), and `open`, which the star imports make `io.open` (so `open(0)` reads nothing).
- A functional (LeetCode) program's `Solution()` is made once, when the program loads, and each
  test calls its method with the arguments (one JSON value per input line); without a
  `class Solution` the function itself is called. The result matches when it equals the expected
  JSON value, a tuple counting as a list.
"""

from __future__ import annotations

import ast
from typing import Any

IMPORTS = (
    "from string import *\nfrom re import *\nfrom datetime import *\nfrom collections import *\n"
    "from heapq import *\nfrom bisect import *\nfrom copy import *\nfrom math import *\n"
    "from random import *\nfrom statistics import *\nfrom itertools import *\n"
    "from functools import *\nfrom operator import *\nfrom io import *\nfrom sys import *\n"
    "from json import *\nfrom builtins import *\nfrom typing import *\nimport string\nimport re\n"
    "import datetime\nimport collections\nimport heapq\nimport bisect\nimport copy\nimport math\n"
    "import random\nimport statistics\nimport itertools\nimport functools\nimport operator\n"
    "import io\nimport sys\nimport json\nsys.setrecursionlimit(50000)\n"
)

WRAPPER = "wrapped_function"
CALL = "execbench_lcb_call"
# Runs the wrapper under stand-ins that behave as lcb_runner's (see the module's note).
_RUN_WRAPPED = f"""
import builtins as _lcb_builtins, io as _lcb_io, sys as _lcb_sys
_lcb_text = _lcb_sys.stdin.read()


class _LcbBuffer:
    def __init__(self, text):
        self._data = text.encode("utf-8")

    def read(self, *args):
        return self._data

    def readline(self, *args):
        return self._data.split(b"\\n")[0] + b"\\n"


class _LcbStdin:
    def __init__(self, text):
        self._text = text
        self._stream = _lcb_io.StringIO(text)
        self._lines = iter(text.split("\\n"))
        self.buffer = _LcbBuffer(text)

    def read(self, *args):
        return self._text

    def readline(self, *args):
        return next(self._lines)

    def readlines(self, *args):
        return self._text.split("\\n")

    def __getattr__(self, name):
        return getattr(self._stream, name)


_lcb_stdout = _lcb_sys.stdout
_lcb_captured = _lcb_io.StringIO()
_lcb_sys.stdin = _LcbStdin(_lcb_text)
_lcb_builtins.open = lambda *args, **kwargs: _lcb_io.StringIO(_lcb_text)
_lcb_sys.stdout = _lcb_captured
try:
    {WRAPPER}()
except SystemExit:
    pass
_lcb_stdout.write(_lcb_captured.getvalue())
"""


def _main_block_unwrapped(tree: ast.Module) -> ast.Module:
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
        tree.body[-1:] = last.body
    return tree


def stdin_program(source: str) -> str:
    """The stdin program as LiveCodeBench runs it (see the module's note)."""
    try:
        tree = _main_block_unwrapped(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source  # run as given: it fails the same way there
    imports = [s for s in tree.body if isinstance(s, ast.Import | ast.ImportFrom)]
    body = [s for s in tree.body if not isinstance(s, ast.Import | ast.ImportFrom)]
    wrapper = ast.parse(f"def {WRAPPER}():\n    pass\n").body[0]
    assert isinstance(wrapper, ast.FunctionDef)
    wrapper.body = body or wrapper.body
    try:
        wrapped = ast.unparse(ast.Module(body=[*imports, wrapper], type_ignores=[]))
    except RecursionError:
        return source
    return f"{IMPORTS}\n{wrapped}\n{_RUN_WRAPPED}"


def functional_program(func_name: str, source: str) -> str:
    """The program with the harness's imports before it and the call point after it."""
    # The official harness's own test, textual as there.
    target = f"Solution().{func_name}" if "class Solution" in source else func_name
    harness = (
        f"\n\n_execbench_lcb_method = {target}\n\n\n"
        f"def {CALL}(*args):\n    return _execbench_lcb_method(*args)\n"
    )
    return f"{IMPORTS}\n\n{source}{harness}"


def results_equal(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    """The official comparison: `==`, a returned tuple counting as a list; no float tolerance."""
    if isinstance(actual, tuple):
        actual = list(actual)
    return bool(actual == expected)
