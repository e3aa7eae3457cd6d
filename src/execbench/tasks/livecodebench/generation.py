"""LiveCodeBench code generation (Jain et al., 2024): `livecodebench`, from the release files
of `livecodebench/code_generation_lite` (test.jsonl, test2.jsonl ... test6.jsonl).

Releases are chosen by LiveCodeBench's own names (releases.py): `release_v2` is test.jsonl and
test2.jsonl, `v2` test2.jsonl alone, `release_latest` (the default) every release file. Task ids
are LiveCodeBench's `question_id`; `--since/--until` apply to `contest_date`.

Stdin problems (AtCoder, Codeforces) run once per test case and stdout is compared line by line
(judge/lines.py); functional problems (LeetCode, `metadata.func_name`) call the method per test
case, compared here (see harness.py for both). Public and private cases are all judged, in that
order. The prompts are lcb_runner's: for chat models its generic system message and question
template; for base models its question template without the one-shot example, stopped at "###".
The data has no reference solutions, so `validate` has nothing to run.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from execbench.core import (
    CallCase,
    CallOracle,
    CallTests,
    Examples,
    StdioCase,
    StdioTests,
    Task,
    UserError,
)
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import require
from execbench.tasks.livecodebench.files import Dataset, contest_day, located, read_rows
from execbench.tasks.livecodebench.harness import (
    CALL,
    functional_program,
    results_equal,
    stdin_program,
)
from execbench.tasks.livecodebench.releases import VERSIONS, release_paths
from execbench.tasks.livecodebench.testcases import TestCase, decode_cases
from execbench.tasks.registry import register_benchmark

CODE_GENERATION = Dataset("code_generation_lite")

SYSTEM_MESSAGE = (
    "You are an expert Python programmer. You will be given a question (problem specification) "
    "and will generate a correct Python program that matches the specification and passes all "
    "tests."
)
WITH_STARTER = (
    "You will use the following starter code to write the solution to the problem and enclose "
    "your code within delimiters."
)
WITHOUT_STARTER = (
    "Read the inputs from stdin solve the problem and write the answer to stdout (do not "
    "directly test on the sample inputs). Enclose your code within delimiters as follows. Ensure "
    "that when the python program runs, it reads the inputs, runs the algorithm and writes "
    "output to STDOUT."
)
BASE_STOP = ("###",)


def question_prompts(content: str, starter: str) -> tuple[str, str]:
    """(chat message, base-model prompt), lcb_runner's generic templates."""
    if starter:
        format_part = f"### Format: {WITH_STARTER}\n```python\n{starter}\n```\n\n"
    else:
        format_part = f"### Format: {WITHOUT_STARTER}\n```python\n# YOUR CODE HERE\n```\n\n"
    chat = (
        f"{SYSTEM_MESSAGE}\n\n### Question:\n{content}\n\n{format_part}"
        "### Answer: (use the provided format with backticks)\n\n"
    )
    base = f"### Question\n{content}\n\n"
    if starter:
        base += f"### Starter Code\n{starter}\n\n"
    return chat, base + "### Answer\n\n"


def _functional_tests(cases: list[TestCase], where: str) -> CallTests:
    calls = []
    for number, case in enumerate(cases, start=1):
        try:
            args = tuple(json.loads(line) for line in case.input.split("\n"))
            expected = json.loads(case.output)
        except json.JSONDecodeError as exc:
            raise UserError(f"{where}: test case {number}: not JSON: {exc.msg}") from exc
        calls.append(CallCase(args=args, expected=expected))
    return CallTests(CALL, tuple(calls), oracle=CallOracle(results_equal, tolerant=False))


# Run after the program, beside the public tests' asserts: LiveCodeBench counts a returned tuple
# as a list (see `results_equal`).
_AS_LIST = (
    "def _lcb_as_list(value):\n    return list(value) if isinstance(value, tuple) else value\n"
)


def _public_calls(func_name: str, tests: CallTests) -> Examples:
    """The public tests, visible to strategies, as asserts calling the starter's method."""
    asserts = []
    for case in tests.cases:
        call = f"Solution().{func_name}({', '.join(map(repr, case.args))})"
        if isinstance(case.expected, list):
            call = f"_lcb_as_list({call})"
        asserts.append(f"assert {call} == {case.expected!r}")
    return Examples(asserts=tuple(asserts), setup=_AS_LIST)


def generation_task(record: dict, path: Path, line: int) -> Task:
    def field(name: str) -> str:
        value = require(record, name, path, line)
        if not isinstance(value, str):
            raise UserError(f"{path}:{line}: field {name!r}: expected text")
        return value

    where = f"{path}:{line}"
    public = decode_cases(field("public_test_cases"), "public_test_cases", path, line)
    cases = public + decode_cases(field("private_test_cases"), "private_test_cases", path, line)
    if not cases:
        raise UserError(f"{where}: the problem has no test cases")
    try:
        metadata = json.loads(field("metadata") or "{}")
    except json.JSONDecodeError as exc:
        raise UserError(f"{where}: field 'metadata': not JSON: {exc.msg}") from exc
    func_name = metadata.get("func_name") if isinstance(metadata, dict) else None
    starter = field("starter_code")
    chat, base = question_prompts(field("question_content"), starter)
    common: dict[str, Any] = {
        "prompt": base,
        "reference": "",
        "task_id": field("question_id"),
        "benchmark": "livecodebench",
        "metadata": {
            "chat": chat,
            "stop": BASE_STOP,
            "date": contest_day(field("contest_date"), path, line),
            "difficulty": field("difficulty"),
            "platform": field("platform"),
            "contest_id": field("contest_id"),
            "title": field("question_title"),
        },
    }
    if func_name:
        tests = _functional_tests(cases, where)
        assemble = functools.partial(functional_program, str(func_name))
        examples = _public_calls(str(func_name), _functional_tests(public, where))
        return Task(
            tests=tests, entry_point="Solution", assemble=assemble, examples=examples, **common
        )
    stdio = tuple(StdioCase(case.input, case.output) for case in cases)
    examples = Examples(stdio=tuple(StdioCase(case.input, case.output) for case in public))
    return Task(
        tests=StdioTests(stdio, match="lines"), assemble=stdin_program, examples=examples, **common
    )


def load_generation(options: LoadOptions) -> list[Task]:
    tasks = []
    first_seen: dict[str, str] = {}
    place = located(CODE_GENERATION, options)
    for path in release_paths(place, options.version, CODE_GENERATION.download_hint()):
        for line, record in read_rows(path):
            task = generation_task(record, path, line)
            if task.task_id in first_seen:
                raise UserError(
                    f"{path}:{line}: question_id {task.task_id!r} already at "
                    f"{first_seen[task.task_id]}"
                )
            first_seen[task.task_id] = f"{path}:{line}"
            tasks.append(task)
    return tasks


@register_benchmark
class LiveCodeBench(Benchmark):
    name = "livecodebench"
    description = "LiveCodeBench code generation: dated contest problems, stdin and LeetCode-style"
    data_version = "code_generation_lite"
    versions = VERSIONS

    def load(self, options: LoadOptions) -> list[Task]:
        return load_generation(options)
