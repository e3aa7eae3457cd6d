"""LiveCodeBench's scenarios beside generation, from their published datasets.

`livecodebench-testoutput` (test output prediction, `livecodebench/test_generation`): given a
LeetCode problem, its starter code and a test input, complete `assert f(input) == ??`. As in
lcb_runner, the answer is the last line of the reply that starts with `assert` (else the reply's
code), its right-hand side is evaluated, and the value must equal the test's expected output
parsed as JSON. Task ids are `question_id/test_id`.

`livecodebench-execution` (code execution, `livecodebench/execution-v2`), CRUXEval-like: given a
function and a call, predict the value it returns. The prediction is checked as lcb_runner does,
`assert <output> == <prediction>` beside the function and its `BASE_IMPORTS` (pandas left out: no
function uses it and it is not installed here); a prediction containing the call itself is
refused. Task ids are the dataset's `id` (`sample_0`...).

Both are judged by the prediction judge (the value is computed in a sandbox, compared here); the
expected output is the reference, so `validate` checks the data and the whole path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar

from execbench.core import PredictionTests, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import require
from execbench.tasks.livecodebench.files import (
    Dataset,
    contest_day,
    data_files,
    located,
    read_rows,
)
from execbench.tasks.livecodebench.testcases import decode_cases
from execbench.tasks.registry import register_benchmark

TEST_GENERATION = Dataset("test_generation")
EXECUTION = Dataset("execution-v2")

TEST_OUTPUT_SYSTEM = (
    "You are a helpful programming assistant and an expert Python programmer. You are helping a "
    "user to write a test case to help to check the correctness of the function. The user has "
    "written a input for the testcase. You will calculate the output of the testcase and write "
    "the whole assertion statement in the markdown code block with the correct output."
)
EXECUTION_SYSTEM = (
    "You are an expert at Python programming, code execution, test case generation, and fuzzing."
)
EXECUTION_PROMPT = """You are given a Python function and an assertion containing an input to \
the function. Complete the assertion with a literal (no unsimplified expressions, no function \
calls) containing the output when executing the provided code on the given input, even if the \
function is incorrect or incomplete. Do NOT output any extra information. Provide the full \
assertion with the correct output in [ANSWER] and [/ANSWER] tags, following the examples.

[PYTHON]
def repeatNumber(number : int) -> int:
    return number
assert repeatNumber(number = 17) == ??
[/PYTHON]
[ANSWER]
assert repeatNumber(number = 17) == 17
[/ANSWER]

[PYTHON]
def addCharacterA(string : str) -> str:
    return string + "a"
assert addCharacterA(string = "x9j") == ??
[/PYTHON]
[ANSWER]
assert addCharacterA(string = "x9j") == "x9ja"
[/ANSWER]

[PYTHON]
{code}
assert {input} == ??
[/PYTHON]
[ANSWER]
"""
# lcb_runner's BASE_IMPORTS for code execution, without pandas (see the module's note).
EXECUTION_IMPORTS = """from itertools import accumulate, chain, combinations, count, \
permutations, product, groupby, islice, repeat
from copy import deepcopy
from string import ascii_lowercase
from math import floor, log2, log10, sqrt, comb, gcd, ceil, inf, isqrt
from collections import defaultdict, deque, Counter
from bisect import bisect, bisect_left, bisect_right, insort
from heapq import heappush, heappop, heapify, merge
from functools import reduce, cache, lru_cache
from random import randrange, shuffle
from operator import itemgetter, sub
from re import search as re_search
from os.path import commonprefix
from typing import List, Tuple, Dict, Set, Optional, Union, Any, Callable, Iterable, Iterator, \
Generator
import copy
import string
import math
import collections
import bisect
import heapq
import functools
import random
import itertools
import operator
import re
import numpy as np
from math import log, prod
from collections import deque, defaultdict, Counter, OrderedDict
from itertools import accumulate, permutations, combinations, product, groupby, islice, chain, \
repeat, zip_longest, cycle
from functools import lru_cache, reduce, partial
from operator import iand
import sys
"""
_FUNCTION = re.compile(r"def\s+(\w+)\s*\(")


def last_assertion(answer: str) -> str:
    """lcb_runner's choice in a test output reply: the last line starting with `assert`."""
    asserts = [line for line in answer.split("\n") if line.startswith("assert")]
    return asserts[-1] if asserts else answer


def _text(record: dict, name: str, path: Path, line: int) -> str:
    value = require(record, name, path, line)
    if not isinstance(value, str | int):
        raise UserError(f"{path}:{line}: field {name!r}: expected text")
    return str(value)


def _common_metadata(record: dict, path: Path, line: int) -> dict[str, Any]:
    return {
        "date": contest_day(require(record, "contest_date", path, line), path, line),
        "difficulty": _text(record, "difficulty", path, line),
        "contest_id": _text(record, "contest_id", path, line),
    }


def test_output_task(record: dict, path: Path, line: int) -> Task:
    cases = decode_cases(_text(record, "test", path, line), "test", path, line)
    if not cases:
        raise UserError(f"{path}:{line}: field 'test': no test case")
    starter = _text(record, "starter_code", path, line)
    # lcb_runner names the function from the starter code (the method, not `function_name`).
    found = _FUNCTION.search(starter)
    function = found.group(1) if found else _text(record, "function_name", path, line)
    call = f"assert {function}({', '.join(cases[0].input.split(chr(10)))}) == # TODO"
    question = (
        f"Problem:\n{_text(record, 'question_content', path, line)}"
        f"Function:\n```\n{starter}\n```\nPlease complete the following test case:\n\n"
        f"```\n{call}\n```\n"
    )
    try:
        expected = repr(json.loads(cases[0].output))
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{line}: field 'test': output is not JSON: {exc.msg}") from exc
    question_id = _text(record, "question_id", path, line)
    return Task(
        task_id=f"{question_id}/{_text(record, 'test_id', path, line)}",
        benchmark="livecodebench-testoutput",
        prompt=f"### Question\n{question}### Answer\n",
        reference=expected,
        tests=PredictionTests(program="", expected=expected, function=function),
        assemble=last_assertion,
        metadata={
            **_common_metadata(record, path, line),
            "chat": f"{TEST_OUTPUT_SYSTEM}\n\n{question}",
            "stop": ("###",),
            "question_id": question_id,
        },
    )


def execution_task(record: dict, path: Path, line: int) -> Task:
    code = _text(record, "code", path, line)
    call = _text(record, "input", path, line)
    output = _text(record, "output", path, line)
    prompt = EXECUTION_PROMPT.format(code=code, input=call)
    return Task(
        task_id=_text(record, "id", path, line),
        benchmark="livecodebench-execution",
        prompt=prompt,
        reference=output,
        entry_point=_text(record, "function_name", path, line),
        tests=PredictionTests(
            program=f"{EXECUTION_IMPORTS}\n{code}",
            expected=output,
            function=_text(record, "function_name", path, line),
            forbidden=(call,),  # lcb_runner sets aside a prediction that contains the call
        ),
        metadata={
            **_common_metadata(record, path, line),
            "chat": f"{EXECUTION_SYSTEM}\n\n{prompt}",
            "stop": ("[/ANSWER]",),
            "question_id": _text(record, "question_id", path, line),
        },
    )


class _Scenario(Benchmark):
    dataset: ClassVar[Dataset]

    @staticmethod
    def make_task(record: dict, path: Path, line: int) -> Task:
        raise NotImplementedError  # each scenario's own

    def load(self, options: LoadOptions) -> list[Task]:
        place = located(self.dataset, options)
        return [
            type(self).make_task(record, path, line)
            for path in data_files(place)
            for line, record in read_rows(path)
        ]


@register_benchmark
class LiveCodeBenchTestOutput(_Scenario):
    name = "livecodebench-testoutput"
    description = "LiveCodeBench test output prediction: complete an assertion's expected value"
    data_version = "test_generation"
    dataset = TEST_GENERATION
    make_task = staticmethod(test_output_task)


@register_benchmark
class LiveCodeBenchExecution(_Scenario):
    name = "livecodebench-execution"
    description = "LiveCodeBench code execution: predict what a LeetCode solution returns"
    data_version = "execution-v2"
    dataset = EXECUTION
    make_task = staticmethod(execution_task)
