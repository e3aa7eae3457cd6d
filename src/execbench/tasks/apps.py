"""APPS (Hendrycks et al., 2021), the 150-problem subset MapCoder selected.

Standard-input problems become stdio tasks judged by tokens. Call-based problems (non-empty
`starter_code`) call the function and compare its return value here, with APPS's own leniency: a
tuple counts as a list, and the expected value may also match the candidate's result wrapped in
a list. The subset's conversion joined each call's arguments with newlines, so arguments are
recovered by `ast.literal_eval`, a line each; a line that is not a literal is a string.

The subset has no reference solutions and no contest dates, so `validate` has nothing to run.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path
from typing import Any

from execbench.core import AssertTests, Examples, StdioCase, StdioTests, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

APPS_FILE = DataFile(
    relpath="apps-mapcoder-selected150/selected150.jsonl",
    sha256=frozenset({"0f27851c4f48842413a4afdd9aa94c295d5d639af95165e2810869903f219e80"}),
    url="https://raw.githubusercontent.com/Md-Ashraful-Pramanik/MapCoder/"
    "0027da71030b441cca2bc6f95def86b9aa5c7dea/data/APPS/selected150.jsonl",
    license="MIT",
)

_STDIN_NOTE = "Use Standard Input format"
_CALL_NOTE = "Use Call-Based format"
# MapCoder's instruction to chat models (its APPS prompt), after the problem statement.
_CHAT_NOTE = (
    "Important: You must follow the input output format. Input should be taken from standard "
    "input and output should be given to standard output."
)
_CALL_CHAT_NOTE = "Complete the function below; it is called with the arguments and returns."

# Trusted comparison with APPS's leniency; bound in the trusted judge's namespace.
_APPS_EQUAL = """
def _as_lists(value):
    if isinstance(value, tuple):
        return [_as_lists(item) for item in value]
    if isinstance(value, list):
        return [_as_lists(item) for item in value]
    return value


def _apps_expect(got, expected):
    got = _as_lists(got)
    if got == expected or (isinstance(expected, list) and expected and got == expected[0]):
        return
    raise AssertionError(f"expected {expected[0]!r}, got {got!r}")
"""


def _function_signature(starter: str) -> tuple[str, int, int]:
    """(name, required arguments, all arguments) of the starter code's function."""
    match = re.search(r"def\s+(\w+)\s*\((.*?)\)\s*:", starter, re.DOTALL)
    if match is None:
        raise ValueError("no function in starter_code")
    source = f"def {match.group(1)}({match.group(2)}): pass"
    params = ast.parse(source).body[0].args  # type: ignore[attr-defined]
    names = [a.arg for a in params.args if a.arg != "self"]
    return match.group(1), len(names) - len(params.defaults), len(names)


def _argument(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def call_arguments(text: str, required: int, total: int) -> list[Any]:
    """Arguments from one line each; surplus leading lines belong to a first, multi-line string."""
    if total <= 1:
        return [_argument(text)] if total == 1 else []
    lines = text.split("\n")
    if len(lines) > total:
        surplus = len(lines) - total + 1
        lines = ["\n".join(lines[:surplus]), *lines[surplus:]]
    if len(lines) < required:
        raise ValueError(f"{len(lines)} argument lines for {required} required parameters")
    return [_argument(line) for line in lines]


def _call_tests(record: dict, path: Path, line: int) -> tuple[str, AssertTests]:
    try:
        name, required, total = _function_signature(record["starter_code"])
        checks = [
            f"_apps_expect({name}(*{call_arguments(case['input'], required, total)!r}), "
            f"{case['output']!r})"
            for case in record["test_list"]
        ]
    except (ValueError, SyntaxError, KeyError) as exc:
        raise UserError(f"{path}:{line}: call-based test: {exc}") from exc
    code = _APPS_EQUAL + "\n".join(checks) + "\n"
    return name, AssertTests(code=code, entry_points=(name,))


def _stdio_cases(record: dict, field: str, path: Path, line: int) -> tuple[StdioCase, ...]:
    cases = []
    for case in record[field]:
        output = case["output"]
        if not (isinstance(output, list) and len(output) == 1 and isinstance(output[0], str)):
            raise UserError(f"{path}:{line}: field {field!r}: stdio output must be [text]")
        cases.append(StdioCase(stdin=case["input"], expected_stdout=output[0]))
    return tuple(cases)


def _examples(record: dict, call_based: bool, path: Path, line: int) -> Examples:
    """The statement's sample I/O (MapCoder's `sample_io`): stdio cases, or asserts of calls."""
    if not record.get("sample_io"):
        return Examples()
    if not call_based:
        return Examples(stdio=_stdio_cases(record, "sample_io", path, line))
    try:
        name, required, total = _function_signature(record["starter_code"])
        asserts = tuple(
            f"assert {name}({', '.join(map(repr, call_arguments(case['input'], required, total)))})"
            f" == {case['output'][0]!r}"
            for case in record["sample_io"]
        )
    except (ValueError, SyntaxError, KeyError, IndexError, TypeError) as exc:
        raise UserError(f"{path}:{line}: field 'sample_io': {exc}") from exc
    return Examples(asserts=asserts)


def apps_task(record: dict, task_id: str, benchmark: str, path: Path, line: int) -> Task:
    description = require(record, "description", path, line)
    starter = require(record, "starter_code", path, line) or ""
    require(record, "test_list", path, line)
    call_based = bool(starter.strip())
    note = _CALL_NOTE if call_based else _STDIN_NOTE
    # The APPS paper's prompt for base models.
    prompt = f"\nQUESTION:\n{description}\n{starter}\n{note}\nANSWER:\n"
    entry_point = None
    tests: AssertTests | StdioTests
    if call_based:
        entry_point, tests = _call_tests(record, path, line)
        instruction = f"{description}\n\n{_CALL_CHAT_NOTE}\n```python\n{starter.strip()}\n```"
    else:
        tests = StdioTests(cases=_stdio_cases(record, "test_list", path, line))
        instruction = f"{description}\n\n{_CHAT_NOTE}"
    return Task(
        task_id=task_id,
        benchmark=benchmark,
        prompt=prompt,
        reference="",
        entry_point=entry_point,
        tests=tests,
        metadata={
            "instruction": instruction,
            "difficulty": record.get("difficulty"),
            "apps_id": record.get("id"),
            "call_based": call_based,
        },
        examples=_examples(record, call_based, path, line),
    )


def _task_ids(records: list[tuple[int, dict]]) -> list[str]:
    """APPS ids, with `#2`, `#3`... on repeats (the subset holds some problems twice)."""
    seen: Counter[str] = Counter()
    ids = []
    for _, record in records:
        base = str(record.get("id", record.get("name", "")))
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return ids


@register_benchmark
class Apps(Benchmark):
    name = "apps"
    description = "APPS: 150 competitive problems (MapCoder's subset), stdin/stdout and call-based"
    data_version = "mapcoder-0027da7"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(APPS_FILE, options)
        records = list(read_jsonl(path))
        return [
            apps_task(record, task_id, self.name, path, line)
            for (line, record), task_id in zip(records, _task_ids(records), strict=True)
        ]


__all__ = ["Apps", "call_arguments"]
