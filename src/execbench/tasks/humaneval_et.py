"""HumanEval-ET (Dong et al., "CodeScore"): HumanEval with about 100 extra asserts per problem.

A program passes when every assert of `test_case_list` holds; the asserts call the entry point by
name and run as trusted test code, with the reference program as their context. Some asserts were
cut out of loops in HumanEval's `check` and name loop variables defined nowhere (`x`, `lst`,
`encoded_str`): no program can pass them, so they are left out (the count is in the task's
metadata as `unsatisfiable_asserts`).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from execbench.core import AssertTests, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.humaneval import humaneval_task
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.python_source import parse_quietly
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

HUMANEVAL_ET_FILE = DataFile(
    relpath="humaneval-et/HumanEvalET.jsonl",
    sha256=frozenset({"c9d9ccd7e299897a423a013ddd59e248b1befb68068d9e74811f1cfad49be0c5"}),
    url="https://raw.githubusercontent.com/Md-Ashraful-Pramanik/MapCoder/"
    "0027da71030b441cca2bc6f95def86b9aa5c7dea/data/HumanEval/HumanEvalET.jsonl",
    license="MIT",
)


@register_benchmark
class HumanEvalET(Benchmark):
    name = "humaneval-et"
    description = "HumanEval-ET: HumanEval with ~100 extended test cases per problem"
    data_version = "CodeScore HumanEval-ET (MapCoder copy)"
    known_broken: ClassVar[Mapping[str, str]] = {
        "HumanEval/2": "the ET assert `truncate_number(3.452) == 0.452` compares floats exactly; "
        "the canonical `number % 1.0` gives 0.45199999999999996",
        "HumanEval/39": "the ET assert `prime_fib(12) == 99194853094755497` makes the canonical "
        "trial-division solution test divisors up to 3e8: minutes of CPU, past any usual limit",
    }

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(HUMANEVAL_ET_FILE, options)
        tasks = []
        for line, record in read_jsonl(path):
            task = humaneval_task(record, self.name, path, line)
            asserts = require(record, "test_case_list", path, line)
            if not isinstance(asserts, list) or not all(isinstance(a, str) for a in asserts):
                raise UserError(f"{path}:{line}: field 'test_case_list' must be a list of strings")
            assert task.entry_point is not None and isinstance(task.tests, AssertTests)
            known = _top_level_names(task.reference)
            usable = [text for text in asserts if not _free_names(text, path, line) - known]
            tests = AssertTests(
                code="\n".join(usable) + "\n",
                entry_points=(task.entry_point,),
                setup=task.tests.setup,
            )
            metadata = {**task.metadata, "unsatisfiable_asserts": len(asserts) - len(usable)}
            tasks.append(replace(task, tests=tests, metadata=metadata))
        return tasks


def _top_level_names(source: str) -> set[str]:
    names = set(dir(builtins))
    for node in parse_quietly(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        else:
            names.update(
                target.id
                for target in ast.walk(node)
                if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)
            )
    return names


def _free_names(text: str, path: Path, line: int) -> set[str]:
    """Names an assert reads without binding them itself (in a comprehension or lambda)."""
    try:
        tree = parse_quietly(text)
    except SyntaxError as exc:
        raise UserError(f"{path}:{line}: an ET assert does not parse: {exc.msg}") from exc
    read: set[str] = set()
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return read - bound
