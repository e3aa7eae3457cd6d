"""LeetCode weekly/biweekly contest problems (DeepSeek-Coder's set, 2023-07 to 2024-01).

Each task is a `class Solution` method, tested by DeepSeek's asserts. The asserts run in the
trusted judge against a stand-in `Solution` whose method calls cross the sandbox; inside the
sandbox a small harness keeps one real `Solution()` (as DeepSeek's harness does) and turns
linked lists to and from plain lists, since `ListNode` objects cannot cross. The prelude is
DeepSeek's import header. Dates come from the contest start time (`--since/--until`).

The data has no reference solutions, so `validate` has nothing to run.
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from execbench.core import AssertTests, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

LEETCODE_FILE = DataFile(
    relpath="leetcode-contest-deepseek/20240121-Jul.jsonl.gz",
    sha256=frozenset({"d5fe5f0c97c83d5bf6f2faab16680e015a3f257ecbae5be2b50c08edf06b20b1"}),
    url="https://raw.githubusercontent.com/deepseek-ai/DeepSeek-Coder/"
    "2f9fd85927c669dae3c0fbb2d607274023af243e/Evaluation/LeetCode/data/20240121-Jul.jsonl",
    license="MIT",
)

_CALL = "execbench_leetcode_call"
# DeepSeek's IMPORT_HELPER, plus the ListNode of the problem statements for programs that omit it.
PRELUDE = """import math
import re
import sys
import copy
import datetime
import itertools
import collections
import heapq
import functools
import hashlib
import numpy
import numpy as np
import string
from typing import *
from collections import *
from functools import *


class ListNode:
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next
"""

_HARNESS = """
_execbench_solution = None


def _execbench_to_nodes(values):
    head = None
    for value in reversed(values):
        head = ListNode(value, head)
    return head


def _execbench_from_nodes(node):
    values = []
    while node is not None:
        values.append(node.val)
        node = node.next
    return values


def {call}(method, kwargs):
    global _execbench_solution
    if _execbench_solution is None:
        _execbench_solution = Solution()
    kwargs = {{k: _execbench_to_nodes(v) if k in {node_args!r} else v for k, v in kwargs.items()}}
    result = getattr(_execbench_solution, method)(**kwargs)
    return _execbench_from_nodes(result) if {node_result!r} else result
"""

# Trusted: the tests' `Solution()`; `_f1`/`_f2` become identities, the lists stay plain data.
_TRUSTED_SETUP = f"""
class Solution:
    def __getattr__(self, method):
        return lambda **kwargs: {_CALL}(method, kwargs)


_f1 = _f2 = lambda value: value
"""


def _list_node_usage(tree: ast.Module) -> tuple[frozenset[str], bool]:
    """Which keyword arguments are built with `_f1` (lists), and whether results pass `_f2`."""
    node_args: set[str] = set()
    node_result = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and _calls(value, "_f1"):
                    node_args.add(str(key.value))
        if isinstance(node, ast.Assert) and _calls(getattr(node.test, "left", None), "_f2"):
            node_result = True
    return frozenset(node_args), node_result


def _calls(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


def _without_helpers(tree: ast.Module) -> str:
    """The test code minus its own `_f1`/`_f2` definitions (the trusted setup has plain ones)."""
    kept = [
        statement
        for statement in tree.body
        if not (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id in ("_f1", "_f2") for t in statement.targets)
        )
    ]
    return ast.unparse(ast.Module(body=kept, type_ignores=[]))


def leetcode_task(record: dict, benchmark: str, path: Path, line: int) -> Task:
    prompt = require(record, "prompt", path, line)
    test = require(record, "test", path, line)
    start = require(record, "start_time", path, line)
    try:
        tree = ast.parse(test)
    except SyntaxError as exc:
        raise UserError(f"{path}:{line}: field 'test': {exc.msg} (line {exc.lineno})") from exc
    node_args, node_result = _list_node_usage(tree)
    meta = record.get("meta") or {}
    return Task(
        task_id=require(record, "task_id", path, line),
        benchmark=benchmark,
        prompt=prompt,
        completion_prefix=prompt,
        reference="",
        entry_point="Solution",
        tests=AssertTests(
            code=_without_helpers(tree) + "\n",
            entry_points=(_CALL,),
            setup=_TRUSTED_SETUP,
            sandbox_prelude=PRELUDE,
            sandbox_harness=_HARNESS.format(
                call=_CALL, node_args=tuple(sorted(node_args)), node_result=node_result
            ),
        ),
        metadata={
            "instruction": record.get("prompt_sft", prompt),
            "date": datetime.fromtimestamp(int(start), UTC).date().isoformat(),
            "difficulty": meta.get("difficulty"),
            "url": record.get("url"),
        },
    )


@register_benchmark
class LeetCodeContest(Benchmark):
    name = "leetcode"
    description = "LeetCode contest problems 2023-07..2024-01 (DeepSeek-Coder's set), dated"
    data_version = "20240121-Jul"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(LEETCODE_FILE, options)
        return [leetcode_task(record, self.name, path, line) for line, record in read_jsonl(path)]
