"""HumanEval-X (CodeGeeX, Zheng et al. 2023): HumanEval in C++, Go, Java, JavaScript, Python, Rust.

Programs are assembled as CodeGeeX's own evaluator assembles them, so its reference solutions pass
and scores compare with published numbers:
- Python: CodeGeeX's helper imports, then prompt + completion; the test runs as HumanEval's
  does here, in the trusted judge, calling the candidate across the sandbox (a script that runs
  prompt + completion + test in one process can be made to print its own evidence of a pass).
- C++: the helper `#include`s the prompt lacks, then prompt + completion + test.
- Java, JavaScript: prompt + completion + test (JavaScript's `console.assert` only prints, so any
  output is a failure: `quiet`).
- Go: the test file header (`package main`, testing, testify), the helper packages CodeGeeX adds
  on demand, the prompt without its own imports, the completion, the test. CodeGeeX imports a
  helper only when the completion mentions it; here all are imported and each is marked used, the
  same set of programs compiles.
- Rust: an empty `main`, the declaration (imports the rand, regex and md5 crates), the prompt (a
  comment), the completion, then the `#[test]` module, built as a test binary (edition 2021);
  two tests call rand 0.7's `gen_range(low, high)`, rewritten to rand 0.8's `gen_range(low..high)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from execbench.core import AssertTests, ScriptTests, Task, TestSuite, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.codegeex import (
    GO_HELPERS,
    LANGUAGE_CODES,
    PYTHON_IMPORTS,
    chosen_language,
    rand_08,
)
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

_REPO = "https://github.com/THUDM/CodeGeeX/raw/2838420b7b4492cf3d16bce5320e26e65960c9e2"
_DIGESTS = {
    "cpp": "dcf2e280a1e91bbc3c5f90edb41397e8a9ac1ccc9f5d2b70082f0b0fbfb6dbb0",
    "go": "09126ef64ac68f87296c5f3781186aedc5dec799b114d9df99d6de4a715a7830",
    "java": "276f36db2eb7aeb864f36a19a2f4e1bb2460fb6e22ff100f0b5bedabe3799967",
    "js": "fe5d467f2c1a027b3f6f18d3729aca01f6458c1de2e2d1292a019c5aa9bed424",
    "python": "5752fb122efddb0e9b47c77907ae6ce9a15aac4dea14e44c46032c831e6b987a",
    "rust": "ae5cabbbfc8fe25244a608b04f09ac3b324c645ac969dfc033756c12f0f9924c",
}
CPP_INCLUDES = (
    "#include<stdlib.h>",
    "#include<algorithm>",
    "#include<math.h>",
    "#include<stdio.h>",
    "#include<vector>",
    "#include<string>",
    "#include<climits>",
    "#include<cstring>",
    "#include<iostream>",
)
RUST_MAIN = "\nfn main(){ \n } \n"

# Two JavaScript canonical solutions fail their own tests (CodeGeeX's evaluator fails them too):
# JavaScript/112 returns a comma expression instead of the pair, JavaScript/155 counts no digit
# in 0. The tests are untouched; only the reference is mended, and only where the text matches.
REFERENCE_FIXES = {
    "JavaScript/112": (
        ("return (z, false)", "return [t, false]"),
        ("return (z, true)", "return [t, true]"),
    ),
    "JavaScript/155": (
        (
            "if (num < 0) { num = -num }\n",
            "if (num < 0) { num = -num }\n  if (num == 0) { return [1, 0] }\n",
        ),
    ),
}


def mended(task_id: str, solution: str) -> str:
    for old, new in REFERENCE_FIXES.get(task_id, ()):
        solution = solution.replace(old, new)
    return solution


def data_file(code: str) -> DataFile:
    path = f"humaneval-x/humaneval_{code}.jsonl.gz"
    return DataFile(
        relpath=path,
        sha256=frozenset({_DIGESTS[code]}),
        url=f"{_REPO}/codegeex/benchmark/humaneval-x/{code}/data/humaneval_{code}.jsonl.gz",
        license="Apache-2.0",
    )


def _python(record: dict, path: Path, line: int) -> tuple[str, AssertTests]:
    """As HumanEval: the test's `check` runs in the trusted judge (with the helpers the prompt
    defines, from the reference) and each call of the candidate crosses into the sandbox, so
    nothing the candidate does in its own process (echo the run's nonce, exit early, return an
    object equal to everything) can fake a pass."""
    prefix = PYTHON_IMPORTS + require(record, "prompt", path, line)
    test = require(record, "test", path, line)
    checked = _CHECK_CALL.findall(test)
    if not checked:
        raise UserError(f"{path}:{line}: field 'test': no `check(<function>)` call")
    reference = prefix + require(record, "canonical_solution", path, line)
    return prefix, AssertTests(code=test, entry_points=(checked[-1],), setup=reference)


_CHECK_CALL = re.compile(r"^check\((\w+)\)\s*$", re.M)


def _cpp(record: dict, path: Path, line: int) -> tuple[str, ScriptTests]:
    prompt = require(record, "prompt", path, line)
    missing = "".join(f"{include}\n" for include in CPP_INCLUDES if include not in prompt)
    return f"{missing}\n{prompt}", ScriptTests(require(record, "test", path, line))


def _java(record: dict, path: Path, line: int) -> tuple[str, ScriptTests]:
    return require(record, "prompt", path, line), ScriptTests(
        require(record, "test", path, line), main="Main"
    )


def _javascript(record: dict, path: Path, line: int) -> tuple[str, ScriptTests]:
    return require(record, "prompt", path, line), ScriptTests(
        require(record, "test", path, line), quiet=True
    )


def _go(record: dict, path: Path, line: int) -> tuple[str, ScriptTests]:
    setup = require(record, "test_setup", path, line)
    prompt = require(record, "prompt", path, line).replace(
        require(record, "import", path, line), ""
    )
    added = [package for package in GO_HELPERS if f'"{package}"' not in setup]
    imports = "import (\n" + "".join(f'    "{package}"\n' for package in added) + ")\n"
    used = "".join(f"var _ = {GO_HELPERS[package]}\n" for package in added)
    prefix = f"{setup}\n{imports}{used}{prompt}"
    return prefix, ScriptTests(require(record, "test", path, line))


def _rust(record: dict, path: Path, line: int) -> tuple[str, ScriptTests]:
    declaration = require(record, "declaration", path, line)
    prefix = RUST_MAIN + declaration + require(record, "prompt", path, line)
    test = rand_08(require(record, "test", path, line))
    tests = ScriptTests(test, build_flags=("--edition", "2021"))
    return prefix, tests


_ASSEMBLE: dict[str, Callable[[dict, Path, int], tuple[str, TestSuite]]] = {
    "cpp": _cpp,
    "go": _go,
    "java": _java,
    "javascript": _javascript,
    "python": _python,
    "rust": _rust,
}


@register_benchmark
class HumanEvalX(Benchmark):
    name = "humaneval-x"
    description = "HumanEval-X (CodeGeeX): 164 problems in C++, Go, Java, JavaScript, Python, Rust"
    languages = tuple(LANGUAGE_CODES)
    data_version = "CodeGeeX@2838420"

    def load(self, options: LoadOptions) -> list[Task]:
        language = chosen_language(self.name, options)
        path = resolve(data_file(LANGUAGE_CODES[language]), options)
        assemble = _ASSEMBLE[language]
        tasks = []
        for line, record in read_jsonl(path):
            prefix, tests = assemble(record, path, line)
            task_id = require(record, "task_id", path, line)
            solution = mended(task_id, require(record, "canonical_solution", path, line))
            tasks.append(
                Task(
                    task_id=task_id,
                    benchmark=self.name,
                    prompt=prefix,
                    tests=tests,
                    reference=prefix + solution,
                    language=language,
                    completion_prefix=prefix,
                )
            )
        return tasks
