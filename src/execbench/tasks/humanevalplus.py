"""HumanEval+ (EvalPlus, Liu et al. 2023): HumanEval's 164 problems, about 80× more test inputs.

The default data is release v0.1.10; `--data` takes any HumanEvalPlus release file (v0.1.9,
Mini...), gzipped or not, and uses it as it is.
"""

from __future__ import annotations

import math
from typing import Any

from execbench.core import CallOracle, Task
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.evalplus import evalplus_task
from execbench.tasks.jsonl import read_jsonl
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

HUMANEVALPLUS_FILE = DataFile(
    relpath="humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz",
    sha256=frozenset({"272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101"}),
    url="https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz",
    license="Apache-2.0",
)


def _poly(xs: list, x: float) -> float:
    return sum(coefficient * math.pow(x, i) for i, coefficient in enumerate(xs))


def _is_root(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    # find_zero may return any root: EvalPlus checks |poly(xs, x)| <= atol, never the value.
    (xs,) = args  # find_zero(xs)
    return abs(_poly(xs, actual)) <= atol


ORACLES = {"HumanEval/32": CallOracle(_is_root, tolerant=False)}


@register_benchmark
class HumanEvalPlus(Benchmark):
    name = "humanevalplus"
    description = "EvalPlus HumanEval+: HumanEval with ~750 generated inputs per problem"
    data_version = "v0.1.10"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(HUMANEVALPLUS_FILE, options)
        return [
            evalplus_task(record, self.name, path, line, ORACLES)
            for line, record in read_jsonl(path)
        ]
