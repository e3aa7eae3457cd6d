"""TestEval: the sample is test code for a LeetCode program (Wang et al., 2024; 210 programs).

Four benchmarks, TestEval's four tasks, one task per target:
- `testeval`: overall coverage; one task per program, the sample holds several tests, scored by
  the line and branch coverage of the executable ones and cov@k (TestEval asks for 20 tests in
  20 turns of one conversation; here one reply holds them, a strategy may take turns);
- `testeval-line` / `testeval-branch`: one task per target line / branch block, one test each,
  scored by whether it executes the target;
- `testeval-path`: one task per target path, scored by how much of the path the test's run
  follows (the instrumented program logs it).

Prompts are TestEval's templates (prompt/*.txt), with its system prompt as the chat
instruction; programs are shown with line numbers where the task names lines. The programs have
no reference test, so `validate` has nothing to run.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, ClassVar

from execbench.core import CoverageTests, Task
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

TESTEVAL_FILE = DataFile(
    relpath="testeval/leetcode-py-all.jsonl",
    sha256=frozenset({"5e217af5c5da1b5ba470bc02d473ed8f955e4edf64abe338bb5eac0a3cfeb8b8"}),
    url="https://raw.githubusercontent.com/LLM4SoftwareTesting/TestEval/"
    "6f67dee71de6ccda1767b8c219a93f4ae0a7ce90/data/leetcode-py-all.jsonl",
    license="MIT",
)
# TestEval's .coveragerc: import lines are not statements (coverage.py regexes, as written there;
# `import *` matches any line holding "import").
COVERAGE_EXCLUDES = (
    "import math",
    "import itertools",
    "import bisect",
    "import collections",
    "import string",
    "import heapq",
    "import functools",
    "import sortedcontainers",
    "import operator",
    "from typing import List, Dict, Tuple, Iterator*",
    "from math import sqrt",
    "from bisect import bisect_left*",
    "from dataclasses import dataclass",
    "import *",
    "from * import *",
)
SYSTEM = (
    "You are a professional who writes Python test methods. You always respond with a Python "
    "function without any natural language descriptions. Especially, Your answer should not "
    "include any quotation marks or descriptions outside the function definition."
)
OVERALL_TESTS = 20  # TestEval's --num_tests
_HEAD = (
    "Please write a test method for the function '{func}' given the following program under "
    "test and function description. Your answer should only contain one test input.\n\n"
    "Program under test:\n----\n{program}\n----\n\n"
    "Function description for '{func}':\n----\n{description}\n----\n"
)
_OVERALL_HEAD = _HEAD.replace(
    "Please write a test method",
    f"Please write {OVERALL_TESTS} test methods, each different from the others and covering "
    "different statements and branches,",
).replace("Your answer should only contain one test input.", "Each should contain one test input.")
_BEGIN = "Your test method should begin with:\n"


def with_line_numbers(code: str) -> str:
    """TestEval's `add_lineno`."""
    return "".join(f"{number}. {line}\n" for number, line in enumerate(code.split("\n"), 1))


def _header(func: str) -> str:
    return f"def test_{func}():\n    solution=Solution()\n"


class _TestEval(Benchmark):
    data_version = "6f67dee"
    mode: ClassVar[str]

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(TESTEVAL_FILE, options)
        tasks = []
        for line, record in read_jsonl(path):
            for field in ("task_num", "func_name", "description", "python_solution"):
                require(record, field, path, line)
            tasks.extend(self.tasks_of(record))
        return tasks

    @abstractmethod
    def tasks_of(self, record: dict[str, Any]) -> list[Task]:
        """The tasks of one program."""

    def task(self, record: dict[str, Any], suffix: str, ask: str, **suite: Any) -> Task:
        func = record["func_name"]
        program = record["python_solution"]
        shown = program if self.mode == "overall" else with_line_numbers(program)
        head = _OVERALL_HEAD if self.mode == "overall" else _HEAD
        prompt = head.format(func=func, program=shown, description=record["description"])
        prompt += ask + _BEGIN + _header(func)
        tests = CoverageTests(
            program=program,
            function=func,
            mode=self.mode,
            coverage_excludes=COVERAGE_EXCLUDES,
            **suite,
        )
        return Task(
            task_id=f"TestEval/{record['task_num']}{suffix}",
            benchmark=self.name,
            prompt=prompt,
            tests=tests,
            reference="",
            completion_prefix=_header(func),
            metadata={
                "instruction": SYSTEM,
                "difficulty": record.get("difficulty"),
                "title": record.get("task_title", ""),
            },
        )


@register_benchmark
class TestEvalOverall(_TestEval):
    name = "testeval"
    description = "TestEval overall coverage: tests for 210 LeetCode programs, line/branch cov"
    mode = "overall"

    def tasks_of(self, record: dict[str, Any]) -> list[Task]:
        return [self.task(record, "", "\n")]


@register_benchmark
class TestEvalLine(_TestEval):
    name = "testeval-line"
    description = "TestEval targeted line coverage: one test per target line (1,340)"
    mode = "line"

    def tasks_of(self, record: dict[str, Any]) -> list[Task]:
        lines = record["python_solution"].split("\n")
        return [
            self.task(
                record,
                f"/line/{number}",
                f"\nYour test case must cover line {number}: {lines[number - 1]}.\n",
                target_line=number,
            )
            for number in record.get("target_lines", ())
        ]


@register_benchmark
class TestEvalBranch(_TestEval):
    name = "testeval-branch"
    description = "TestEval targeted branch coverage: one test per target branch (983)"
    mode = "branch"

    def tasks_of(self, record: dict[str, Any]) -> list[Task]:
        numbered = with_line_numbers(record["python_solution"]).split("\n")
        tasks = []
        for block in record.get("blocks", ()):
            start, end = int(block["start"]), int(block["end"])
            shown = "\n'''\n" + "\n".join(numbered[start - 1 : end]) + "\n'''"
            ask = f"Your test case must cover the branch {shown}\n"
            tasks.append(
                self.task(record, f"/branch/{start}-{end}", ask, target_branch=(start, end))
            )
        return tasks


@register_benchmark
class TestEvalPath(_TestEval):
    name = "testeval-path"
    description = "TestEval targeted path coverage: one test per target execution path (854)"
    mode = "path"

    def tasks_of(self, record: dict[str, Any]) -> list[Task]:
        log_file = f"test_logs/{record['task_title']}.log"
        func = record["func_name"]
        tasks = []
        paths = zip(record["sampled_paths"], record["sampled_condition_paths"], strict=True)
        for number, (logged, conditions) in enumerate(paths):
            shown = " -> ".join(f"'{condition}'" for condition in conditions)
            ask = (
                f"\nYour test case must cover the following execution path in function {func}. "
                "The path is a sequence of branch conditions. When executing your test case, "
                "each branch condition in the target execution path must be satisfied "
                f"sequentially.\nTarget execution path: {shown}\n----\n"
            )
            tasks.append(
                self.task(
                    record,
                    f"/path/{number}",
                    ask,
                    target_path=tuple(logged),
                    instrumented=record["python_solution_instrumented"],
                    log_file=log_file,
                )
            )
        return tasks
