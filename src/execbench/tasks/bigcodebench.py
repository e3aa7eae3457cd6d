"""BigCodeBench (Zhuo et al., 2024): 1,140 practical Python tasks over 139 libraries, and its
Hard subset of 148; judged as `bigcodebench.evaluate` (PyPI `bigcodebench` 0.2.5) judges them.

- Data: release v0.1.4 by default (that package's `BIGCODEBENCH_VERSION`), or v0.1.0_hf
  (`--release`); `--data` takes any release file as it is. Hard at v0.1.4 is the Hard task
  ids taken from the full v0.1.4 file.
- Splits (`--split`): `complete` (continue the docstring'd signature) and `instruct` (from the
  natural-language instruction); a `solution` is the whole program the harness runs, a
  `completion` continues `complete_prompt`, a chat reply goes through BigCodeBench's sanitizer
  (extract/bigcodebench_sanitize.py).
- The program runs as the harness runs it: "calibrated" (the code prompt's imports and a stub
  `task_func` first, so a program that omits the imports still has them), in a module named
  `__test__` holding `sys`, `os` and `environ`, in a fresh empty directory, after the harness's
  guard (bigcodebench_guard.py), then its `TestCases` run: a pass is every test passing.
- Limits: the harness gives every task the same 240 s (`TIMEOUT_LIMIT`; the reference's time only
  if longer) and 30 GiB of address space; here 240 CPU seconds per task (wall cap 482 s).
- Its environment: the harness's pinned evaluation requirements (bigcodebench_env.py).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

from execbench.core import Limits, Task, UnittestTests, UserError
from execbench.tasks import bigcodebench_guard
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.bigcodebench_env import BIGCODEBENCH_ENVIRONMENT
from execbench.tasks.jsonl import read_records, read_text, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

_DATA_NOTES = "BigCodeBench data, Apache-2.0 (bigcode-project/bigcodebench-annotation)"
FULL_FILES = {
    # Rebuilt from v0.1.0_hf with the authors' own patch scripts (datasets SOURCES.md, 14b): the
    # official file is a release asset, bigcodebench-annotation/releases/download/v0.1.4/
    # BigCodeBench.jsonl.gz, whose digest is not known here; give it with --data.
    "v0.1.4": DataFile(
        relpath="bigcodebench/BigCodeBench-v0.1.4.reconstructed.jsonl.gz",
        sha256=frozenset({"57898639609240092c5c29f3dc3d958c51a508b35409ddf965d17ead73942b47"}),
        license="Apache-2.0",
        notes=_DATA_NOTES,
    ),
    "v0.1.0_hf": DataFile(
        relpath="bigcodebench/BigCodeBench-v0.1.0_hf.jsonl.gz",
        sha256=frozenset({"58142744edaf6036387f8761701f1b353432b0ed33f2edec1de8a59e7431ef7a"}),
        url="https://raw.githubusercontent.com/bigcode-project/bigcodebench-annotation/"
        "d8a1b7b418b5c73b32e6d9731e062f549818c8d9/hf_data/BigCodeBench.jsonl.gz",
        license="Apache-2.0",
        notes=_DATA_NOTES,
    ),
}
HARD_FILE = DataFile(
    relpath="bigcodebench/BigCodeBench-Hard-v0.1.0_hf.json.gz",
    sha256=frozenset(
        {
            "0dc882dc5835269855f7876bdaec034f97ecbbde7f38e273cc1197e5a7bb10a0",
            "5e7a87ff1085eafb13b2d570277bcb53dba68201717b4fc987a3f2b86a23869c",
        }
    ),
    url="https://raw.githubusercontent.com/QwenLM/Qwen2.5-Coder/"
    "dc5af295350a48a4dd04625d3b8f348dc3c4f218/qwencoder-eval/instruct/BigCodeBench/data/"
    "bigcodebench_hard.json",
    license="Apache-2.0",
    notes=_DATA_NOTES,
)

SPLITS = ("complete", "instruct")
# bigcodebench.eval.utils.TIMEOUT_LIMIT: the time every task's tests get.
TIMEOUT_LIMIT_S = 240.0
# As CPU time, with execbench's wall cap for it (twice, plus slack), so that a loaded machine does
# not turn a right answer into a timeout; the harness's own 240 s are wall time.
LIMITS = Limits.for_cpu(
    TIMEOUT_LIMIT_S,
    memory_mb=30 * 1024,  # max_as_limit, max_data_limit
    file_size_mb=256,
    output_bytes=8 << 20,
    # Its container sets none of these; TensorFlow and joblib start threads, which count.
    max_processes=512,
    open_files=4096,
)
# bigcodebench.generate's chat prompt (its default instruction prefix) and base-model stops.
INSTRUCTION = (
    "Please provide a self-contained Python script that solves the following problem in a "
    "markdown code block:"
)
STOPS = (
    *("<|endoftext|>", "<|endofmask|>", "</s>", "\nif __name__", "\ndef main(", "\nprint("),
    *("\ndef ", "\nclass ", "\nimport ", "\nfrom ", "\nassert "),
)
_GUARD_SOURCE = Path(bigcodebench_guard.__file__).read_text()
# The guard's code without its docstring (the module's __doc__ stays None, as there), then run.
GUARD = _GUARD_SOURCE[_GUARD_SOURCE.index("import os") :] + (
    "\n_execbench_guard()\ndel _execbench_guard\n"
)


def chat_message(record: Mapping[str, Any], split: str) -> str:
    if split == "complete":
        return f"{INSTRUCTION}\n```\n{record['complete_prompt'].strip()}\n```\n"
    return f"{INSTRUCTION}\n{record['instruct_prompt'].strip()}\n"


def bigcodebench_task(record: dict, benchmark: str, split: str, path: Path, line: int) -> Task:
    def field(name: str) -> Any:
        return require(record, name, path, line)

    complete = field("complete_prompt")
    try:
        libs = ast.literal_eval(field("libs"))
    except (ValueError, SyntaxError) as exc:
        raise UserError(f"{path}:{line}: field 'libs' is not a Python list literal") from exc
    return Task(
        task_id=field("task_id"),
        benchmark=benchmark,
        prompt=complete if split == "complete" else field("instruct_prompt"),
        reference=complete + "\n" + field("canonical_solution"),
        entry_point=field("entry_point"),
        completion_prefix=complete,
        tests=UnittestTests(
            code=field("test"),
            test_classes=("TestCases",),
            # "calibrated", as bigcodebench.evaluate does by default
            prelude=GUARD + field("code_prompt") + "\n    pass\n",
            class_timeout_s=TIMEOUT_LIMIT_S,
            module_name="__test__",
            fresh_cwd=True,
        ),
        metadata={
            "chat": chat_message(record, split),
            "stop": STOPS,
            "extractor": "bigcodebench",
            "split": split,
            "libs": tuple(libs),
        },
    )


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Records of a JSON-lines file, a JSON array, or a JSON object of task id -> record."""
    text = read_text(path)
    if text.lstrip().startswith("{") and not text.lstrip().startswith('{"task_id"'):
        try:
            mapping = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
        yield from enumerate(mapping.values(), start=1)
        return
    yield from read_records(path)


@register_benchmark
class BigCodeBench(Benchmark):
    name = "bigcodebench"
    description = "BigCodeBench: 1,140 practical Python tasks over 139 libraries (unittest)"
    data_version = "v0.1.4"
    versions = ("v0.1.4", "v0.1.0_hf")
    splits = SPLITS
    environment = BIGCODEBENCH_ENVIRONMENT
    default_limits = LIMITS
    scaled_time_limits = False
    known_broken: ClassVar[Mapping[str, str]] = {}

    def check_options(self, options: LoadOptions) -> None:
        super().check_options(options)
        if options.version is not None and options.version not in self.versions:
            offered = ", ".join(self.versions)
            raise UserError(f"--release {options.version!r}: {self.name} offers {offered}")

    def load(self, options: LoadOptions) -> list[Task]:
        split = options.split or SPLITS[0]
        path = resolve(FULL_FILES[self.version_of(options)], options)
        wanted = self.task_ids(options)
        return [
            bigcodebench_task(record, self.name, split, path, line)
            for line, record in _records(path)
            if wanted is None or record.get("task_id") in wanted
        ]

    def task_ids(self, options: LoadOptions) -> set[str] | None:
        """The tasks this benchmark keeps of the file (None: all)."""
        return None


@register_benchmark
class BigCodeBenchHard(BigCodeBench):
    name = "bigcodebench-hard"
    description = "BigCodeBench-Hard: 148 of BigCodeBench's harder, more practical tasks"

    def task_ids(self, options: LoadOptions) -> set[str] | None:
        if options.data is not None:
            return None  # a Hard release file, used as it is
        path = resolve(HARD_FILE, options)
        return {require(record, "task_id", path, line) for line, record in _records(path)}
