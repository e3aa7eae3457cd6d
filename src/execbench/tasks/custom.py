"""`custom`: a user's own tasks from a JSONL or YAML file (`-b custom --data FILE`).

The schema is documented in docs/custom-tasks.md. Each task has an `id`, a `prompt` and exactly
one kind of test: `asserts` (trusted assert code calling `entry_point`), `calls` (argument lists
and expected return values, tasks/custom_calls.py), or `stdio` (stdin/expected-stdout pairs,
optionally judged by a `checker` program); stdio tasks may be in any registered language. Errors
name the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from execbench.core import AssertTests, StdioCase, StdioTests, Task, TestSuite, UserError
from execbench.languages import canonical_name
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.custom_calls import calls_tests
from execbench.tasks.jsonl import read_jsonl
from execbench.tasks.registry import register_benchmark

_TEST_KINDS = ("asserts", "calls", "stdio")
_KNOWN = frozenset(
    [
        "id",
        "prompt",
        "language",
        "entry_point",
        "reference",
        "date",
        "instruction",
        "completion_prefix",
        "tests",
    ]
)


class _Where:
    def __init__(self, path: Path, line: int) -> None:
        self.path, self.line = path, line

    def error(self, field: str, message: str) -> UserError:
        return UserError(f"{self.path}:{self.line}: field {field!r}: {message}")


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if path.suffix.lower() not in (".yaml", ".yml"):
        yield from read_jsonl(path)
        return
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise UserError(f"{path}{line}: invalid YAML: {exc}") from exc
    if isinstance(document, dict) and "tasks" in document:
        document = document["tasks"]
        assert isinstance(root, yaml.MappingNode)
        root = next(value for key, value in root.value if key.value == "tasks")
    if not isinstance(document, list) or not isinstance(root, yaml.SequenceNode):
        raise UserError(f"{path}: expected a list of tasks (or a mapping with 'tasks')")
    for node, item in zip(root.value, document, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            raise UserError(f"{path}:{line}: every task must be a mapping")
        yield line, item


def _text(record: dict, field: str, where: _Where, required: bool = True) -> str | None:
    value = record.get(field)
    if value is None:
        if required:
            raise where.error(field, "missing")
        return None
    if not isinstance(value, str):
        raise where.error(field, f"must be a string, got {type(value).__name__}")
    return value


def _tests(record: dict, entry_point: str | None, language: str, where: _Where) -> TestSuite:
    spec = record.get("tests")
    if not isinstance(spec, dict):
        raise where.error("tests", f"must be a mapping with one of {', '.join(_TEST_KINDS)}")
    kinds = [kind for kind in _TEST_KINDS if kind in spec]
    if len(kinds) != 1:
        raise where.error("tests", f"needs exactly one of {', '.join(_TEST_KINDS)}")
    kind = kinds[0]
    if kind == "stdio":
        return _stdio(spec, where)
    if language != "python":
        # The judge runs assert code and calls in Python, against a Python program.
        raise where.error("language", f"tests.{kind} judge Python programs; {language} needs stdio")
    if entry_point is None:
        raise where.error("entry_point", f"required by tests.{kind}")
    if kind == "asserts":
        code = _text(spec, "asserts", where)
        assert code is not None
        return AssertTests(code=code, entry_points=(entry_point,))
    return calls_tests(spec, entry_point, where.error)


def _stdio(spec: dict, where: _Where) -> StdioTests:
    cases = spec["stdio"]
    checker = spec.get("checker")
    if checker is not None and not isinstance(checker, str):
        raise where.error("tests.checker", "must be a Python program as a string")
    if not isinstance(cases, list) or not cases:
        raise where.error("tests.stdio", "must be a non-empty list of {input, output}")
    parsed = []
    for number, case in enumerate(cases, start=1):
        field = f"tests.stdio[{number}]"
        if not isinstance(case, dict):
            raise where.error(field, "must be a mapping with 'input' and 'output'")
        stdin = case.get("input", "")
        expected = case.get("output", "" if checker else None)
        if not isinstance(stdin, str) or not isinstance(expected, str):
            raise where.error(field, "'input' and 'output' must be strings")
        parsed.append(StdioCase(stdin=stdin, expected_stdout=expected))
    tolerance = spec.get("float_tolerance", StdioTests.float_tolerance)
    if not isinstance(tolerance, int | float) or tolerance < 0:
        raise where.error("tests.float_tolerance", "must be a number >= 0")
    return StdioTests(cases=tuple(parsed), checker=checker, float_tolerance=float(tolerance))


def custom_task(record: dict, path: Path, line: int) -> Task:
    where = _Where(path, line)
    unknown = sorted(set(record) - _KNOWN)
    if unknown:
        raise where.error(unknown[0], f"unknown field (known: {', '.join(sorted(_KNOWN))})")
    task_id = record.get("id")
    if not isinstance(task_id, str | int) or isinstance(task_id, bool) or task_id == "":
        raise where.error("id", "missing, or not a string")
    prompt = _text(record, "prompt", where)
    assert prompt is not None
    language = _language(record, where)
    entry_point = _text(record, "entry_point", where, required=False)
    prefix = _text(record, "completion_prefix", where, required=False)
    metadata: dict[str, Any] = {}
    instruction = _text(record, "instruction", where, required=False)
    if instruction is not None:
        metadata["instruction"] = instruction
    if record.get("date") is not None:
        metadata["date"] = _date(record["date"], where)
    return Task(
        task_id=str(task_id),
        benchmark="custom",
        prompt=prompt,
        tests=_tests(record, entry_point, language, where),
        reference=_text(record, "reference", where, required=False) or "",
        language=language,
        entry_point=entry_point,
        completion_prefix=prefix if prefix is not None else (prompt if entry_point else ""),
        metadata=metadata,
    )


def _language(record: dict, where: _Where) -> str:
    """Any registered language, by name or short code (`c++`, `rs`), stored by its full name."""
    name = _text(record, "language", where, required=False) or "python"
    try:
        return canonical_name(name)
    except UserError as exc:
        raise where.error("language", str(exc)) from exc


def _date(value: Any, where: _Where) -> str:
    if isinstance(value, date):  # YAML reads an unquoted 2024-05-01 as a date
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise where.error("date", f"{value!r} is not a date as YYYY-MM-DD") from exc


def load_custom(path: Path) -> list[Task]:
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for line, record in _records(path):
        task = custom_task(record, path, line)
        if task.task_id in seen:
            raise _Where(path, line).error(
                "id", f"{task.task_id!r} repeats line {seen[task.task_id]}"
            )
        seen[task.task_id] = line
        tasks.append(task)
    return tasks


@register_benchmark
class Custom(Benchmark):
    name = "custom"
    description = "Your own tasks from a JSONL or YAML file (--data FILE; docs/custom-tasks.md)"

    def load(self, options: LoadOptions) -> list[Task]:
        if options.data is None:
            raise UserError("-b custom needs --data FILE (a JSONL or YAML task file)")
        if not options.data.is_file():
            raise UserError(f"--data {options.data}: no such file")
        return load_custom(options.data)


__all__ = ["Custom", "custom_task", "load_custom"]
