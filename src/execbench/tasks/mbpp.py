"""MBPP (Austin et al., 2021): 974 crowd-sourced Python problems, and the 427 hand-checked ones.

Tests are `assert` lines calling the function by name: they run as trusted test code with the
called functions bound to the candidate. `mbpp` is the 500-task test split (task ids 11-510) of the
original file; `mbpp-sanitized` is Google's sanitized subset (all its 427 tasks, as EvalPlus and
bigcode-evaluation-harness use it). The two tasks whose test setup builds objects of a class the
program defines (a binary tree of `Node`s) build them in the sandbox, next to the program, and
make those calls there; only the results cross.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from execbench.core import AssertTests, Examples, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_records, require
from execbench.tasks.python_source import parse_quietly
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

MBPP_FILE = DataFile(
    relpath="mbpp/mbpp.jsonl",
    sha256=frozenset({"ccf64ceae9c5403bf50a044cb6d505bfd2a2963ee58338ba268fd65beab92a9f"}),
    url="https://raw.githubusercontent.com/deepseek-ai/DeepSeek-Coder/"
    "2f9fd85927c669dae3c0fbb2d607274023af243e/Evaluation/MBPP/data/mbpp.jsonl",
    license="CC-BY-4.0",
)
SANITIZED_FILE = DataFile(
    relpath="mbpp/sanitized-mbpp.json",
    sha256=frozenset({"ca95deaa9a01ef0a6f439f88bcf0dd3db3563d22f22aad6cae04ebb9a8d8c8e9"}),
    url="https://raw.githubusercontent.com/google-research/google-research/"
    "30adf0ec5f35f9609c2f1d896005e184195d9146/mbpp/sanitized-mbpp.json",
    license="CC-BY-4.0",
)
TEST_SPLIT = range(11, 511)

# The prompt format of the MBPP paper (Austin et al., 2021), for chat models.
INSTRUCTION = (
    "You are an expert Python programmer, and here is your task: {text} "
    "Your code should pass these tests:\n\n{tests}\n"
)


def mbpp_task(
    benchmark: str,
    task_number: int,
    text: str,
    code: str,
    asserts: Sequence[str],
    imports: str,
    setup_code: str,
    where: str,
) -> Task:
    """A Task from the fields the MBPP files share, however each file names them."""
    reference = code.replace("\r\n", "\n")
    setup_code = setup_code.replace("\r\n", "\n")
    prompt = f'"""\n{text.strip()}\n{asserts[0].strip()}\n"""\n'
    test_code = "\n".join(line.strip() for line in asserts) + "\n"
    entry_points = functions = called_functions(reference, test_code, where)
    harness = imports
    if setup_code.strip():
        test_code, wrappers = _calls_on_setup_objects(test_code, setup_code, entry_points)
        harness = f"{imports}\n{setup_code}\n" + "".join(wrappers.values())
        entry_points = called_functions(
            reference + "\n" + "".join(wrappers.values()), test_code, where
        )
    tests = AssertTests(
        code=test_code,
        entry_points=entry_points,
        # The original harness ran the tests in the program's module: they may use its imports.
        setup=reference + (f"\n{imports}" if imports else ""),
        sandbox_harness=harness,
    )
    return Task(
        task_id=f"Mbpp/{task_number}",
        benchmark=benchmark,
        prompt=prompt,
        entry_point=functions[0],
        completion_prefix=prompt,
        reference=reference + (f"\n{imports}" if imports else ""),
        tests=tests,
        metadata={"instruction": INSTRUCTION.format(text=text.strip(), tests=test_code)},
        # The prompt shows the first assert (as LDB and Reflexion use MBPP); the other two stay
        # hidden from strategies, whose instruction lists only the first.
        examples=Examples(
            asserts=(asserts[0].strip(),),
            setup=f"{imports}\n{setup_code}" if setup_code.strip() else imports,
            instruction=INSTRUCTION.format(text=text.strip(), tests=asserts[0].strip() + "\n"),
        ),
    )


def _calls_on_setup_objects(
    test_code: str, setup_code: str, entry_points: tuple[str, ...]
) -> tuple[str, dict[str, str]]:
    """Asserts whose calls take objects built by `setup_code` (trees of the program's own `Node`),
    rewritten to call argument-free wrappers that make the call inside the sandbox, where the
    objects live; only the plain result crosses. Returns the new test code and the wrappers."""
    built = {
        node.id
        for node in ast.walk(parse_quietly(setup_code))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    wrappers: dict[str, str] = {}

    class Rewrite(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if not (isinstance(node.func, ast.Name) and node.func.id in entry_points):
                return node
            if not any(isinstance(n, ast.Name) and n.id in built for n in ast.walk(node)):
                return node
            name = f"__execbench_case_{len(wrappers)}"
            wrappers[name] = f"def {name}():\n    return {ast.unparse(node)}\n"
            return ast.Call(func=ast.Name(name, ast.Load()), args=[], keywords=[])

    tree = Rewrite().visit(parse_quietly(test_code))
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n", wrappers


def called_functions(reference: str, test_code: str, where: str) -> tuple[str, ...]:
    """The functions the tests call that the reference defines, in order of first call."""
    try:
        defined = {
            node.name
            for node in parse_quietly(reference).body
            if isinstance(node, ast.FunctionDef | ast.ClassDef)
        }
        calls = [
            node.func.id
            for node in ast.walk(parse_quietly(test_code))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        ]
    except SyntaxError as exc:
        raise UserError(f"{where}: does not parse: {exc.msg}") from exc
    names = [name for name in dict.fromkeys(calls) if name in defined]
    if not names:
        names = [name for name in dict.fromkeys(calls) if not hasattr(builtins, name)]
    if not names:
        raise UserError(f"{where}: the tests call no function of the solution")
    return tuple(names)


def _text(record: dict[str, Any], field: str, path: Path, line: int) -> str:
    value = require(record, field, path, line)
    if not isinstance(value, str):
        raise UserError(f"{path}:{line}: field {field!r} must be a string")
    return value


def _asserts(record: dict[str, Any], path: Path, line: int) -> list[str]:
    value = require(record, "test_list", path, line)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise UserError(f"{path}:{line}: field 'test_list' must be a non-empty list of strings")
    return value


@register_benchmark
class Mbpp(Benchmark):
    name = "mbpp"
    description = "MBPP: the 500-task test split of the 974 crowd-sourced Python problems"
    data_version = "mbpp.jsonl (DeepSeek-Coder copy)"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(MBPP_FILE, options)
        tasks = []
        for line, record in read_records(path):
            number = require(record, "task_id", path, line)
            if number not in TEST_SPLIT:
                continue
            tasks.append(
                mbpp_task(
                    self.name,
                    number,
                    _text(record, "text", path, line),
                    _text(record, "code", path, line),
                    _asserts(record, path, line),
                    imports="",
                    setup_code=record.get("test_setup_code") or "",
                    where=f"{path}:{line}",
                )
            )
        return tasks


@register_benchmark
class MbppSanitized(Benchmark):
    name = "mbpp-sanitized"
    description = "Sanitized MBPP: 427 hand-verified MBPP problems with clarified prompts"
    data_version = "sanitized-mbpp.json (Google)"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(SANITIZED_FILE, options)
        tasks = []
        for line, record in read_records(path):
            imports = require(record, "test_imports", path, line) or []
            tasks.append(
                mbpp_task(
                    self.name,
                    require(record, "task_id", path, line),
                    _text(record, "prompt", path, line),
                    _text(record, "code", path, line),
                    _asserts(record, path, line),
                    imports="\n".join(imports) + "\n" if imports else "",
                    setup_code="",
                    where=f"{path}: record {line}",
                )
            )
        return tasks
