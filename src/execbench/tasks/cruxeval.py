"""CRUXEval (Gu et al., 2024): 800 short Python functions; predict an output or an input.

A sample is an expression, not a program: for `cruxeval-o` the predicted value of `f(input)`,
for `cruxeval-i` an input `f(...)` (or bare arguments) that makes `f` return the given output.
The prompts are CRUXEval's own direct prompts; a model's `[ANSWER] assert ... [/ANSWER]` text is
unwrapped by the judge the way CRUXEval's harness does it.
"""

from __future__ import annotations

from pathlib import Path

from execbench.core import PredictionTests, Task
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

CRUXEVAL_FILE = DataFile(
    relpath="cruxeval/cruxeval.jsonl",
    sha256=frozenset({"8368b81047dc5014e4caf5a2f97604eff7644e0ecd7415e3ceeb184bbc2e0c96"}),
    url="https://raw.githubusercontent.com/facebookresearch/cruxeval/"
    "190faf16d175b5847b0af05d937872b1fb395942/data/cruxeval.jsonl",
    license="MIT",
)

_OUTPUT_PROMPT = """You are given a Python function and an assertion containing an input to the \
function. Complete the assertion with a literal (no unsimplified expressions, no function calls) \
containing the output when executing the provided code on the given input, even if the function \
is incorrect or incomplete. Do NOT output any extra information. Provide the full assertion with \
the correct output in [ANSWER] and [/ANSWER] tags, following the examples.

[PYTHON]
def f(n):
    return n
assert f(17) == ??
[/PYTHON]
[ANSWER]
assert f(17) == 17
[/ANSWER]

[PYTHON]
def f(s):
    return s + "a"
assert f("x9j") == ??
[/PYTHON]
[ANSWER]
assert f("x9j") == "x9ja"
[/ANSWER]

[PYTHON]
{code}
assert f({input}) == ??
[/PYTHON]
[ANSWER]
"""

_INPUT_PROMPT = """You will be given a function f and an output in the form f(??) == output. \
Find any input such that executing f on the input leads to the given output. There may be \
multiple answers, but you should only output one. In [ANSWER] and [/ANSWER] tags, complete the \
assertion with one such input that will produce the output when executing the function.

[PYTHON]
def f(my_list):
    count = 0
    for i in my_list:
        if len(i) % 2 == 0:
            count += 1
    return count
assert f(??) == 3
[/PYTHON]
[ANSWER]
assert f(["mq", "px", "zy"]) == 3
[/ANSWER]

[PYTHON]
def f(s1, s2):
    return s1 + s2
assert f(??) == "banana"
[/PYTHON]
[ANSWER]
assert f("ba", "nana") == "banana"
[/ANSWER]

[PYTHON]
{code}
assert f(??) == {output}
[/PYTHON]
[ANSWER]
"""

STOP = ("[/ANSWER]",)


def cruxeval_task(record: dict, predicts: str, path: Path, line: int) -> Task:
    code = require(record, "code", path, line)
    given_input = require(record, "input", path, line)
    output = require(record, "output", path, line)
    if predicts == "output":
        prompt = _OUTPUT_PROMPT.format(code=code, input=given_input)
        reference = output
        # CRUXEval refuses an output "prediction" that just calls f on the input.
        forbidden: tuple[str, ...] = (f"f({given_input})",)
    else:
        prompt = _INPUT_PROMPT.format(code=code, output=output)
        reference = f"f({given_input})"
        forbidden = ()
    return Task(
        task_id=require(record, "id", path, line),
        benchmark=f"cruxeval-{predicts[0]}",
        prompt=prompt,
        reference=reference,
        entry_point="f",
        tests=PredictionTests(
            program=code, expected=output, predicts=predicts, forbidden=forbidden
        ),
        metadata={"instruction": prompt, "stop": STOP, "answer": "expression"},
    )


class _CruxEval(Benchmark):
    predicts = "output"
    data_version = "190faf1"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(CRUXEVAL_FILE, options)
        return [
            cruxeval_task(record, self.predicts, path, line) for line, record in read_jsonl(path)
        ]


@register_benchmark
class CruxEvalOutput(_CruxEval):
    name = "cruxeval-o"
    description = "CRUXEval-O: predict what a short Python function returns (800 tasks)"
    predicts = "output"


@register_benchmark
class CruxEvalInput(_CruxEval):
    name = "cruxeval-i"
    description = "CRUXEval-I: find an input that makes a short Python function return a value"
    predicts = "input"
