"""MBPP+ (EvalPlus): 399 (v0.1.0) or 378 (v0.2.0) sanitized-MBPP problems with generated inputs.

The pinned data file is release v0.1.0. By default it is brought to v0.2.0, the current EvalPlus
default, as EvalPlus's own `tools/mbpp/fix_v010.py` does: 21 tasks with broken tests are removed
and the URLs are cut out of 18 prompts. A file given with `--data` is used as it is, so
`--data .../MbppPlus-v0.1.0.json.gz` evaluates v0.1.0 and any official release file (JSON lines,
gzipped or not) evaluates that release.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from execbench.core import CallOracle, Task
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.evalplus import evalplus_task
from execbench.tasks.jsonl import read_records
from execbench.tasks.mbppplus_inputs import input_converter
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

MBPPPLUS_FILE = DataFile(
    relpath="mbppplus/MbppPlus-v0.1.0.json.gz",
    sha256=frozenset(
        {
            "9bdf8a2956e60e3d8feb3d7aef7775d58a86618a9f6a4da959a590a969836b24",  # as stored (gzip)
            "f7ac9d4027a26c771c06d2e0129636a76d11b95decc7a676c6a7bb52daf2ed95",  # its JSON content
        }
    ),
    # A JSON-array dump of EvalPlus's v0.1.0 tasks (get_mbpp_plus(), Nov 2023); the official v0.1.0
    # asset is JSON lines with other bytes.
    url="https://raw.githubusercontent.com/mrigankpawagi/PropertyEval/"
    "5a76b668193dbaa07cc66372bef786245c77e8b3/autogen/samples/mbppplus.json",
    license="Apache-2.0",
)

# evalplus tools/mbpp/fix_v010.py: tasks removed in v0.2.0 ...
REMOVED_IN_V020 = frozenset(
    f"Mbpp/{n}"
    for n in (
        *(83, 115, 117, 143, 164, 229, 249, 295, 396, 400, 407, 431, 438, 442, 461, 574),
        *(582, 595, 640, 746, 783),
    )
)
# ... and the URLs cut out of prompts.
URLS_CUT_IN_V020 = {
    "Mbpp/734": "https://www.geeksforgeeks.org/sum-of-products-of-all-possible-subarrays/",
    "Mbpp/735": "https://www.geeksforgeeks.org/toggle-bits-number-expect-first-last-bits/",
    "Mbpp/736": "https://www.w3resource.com/python-exercises/data-structures-and-algorithms/"
    "python-data-structure-exercise-24.php",
    "Mbpp/739": "https://www.geeksforgeeks.org/index-of-smallest-triangular-number-with-n-digits/",
    "Mbpp/740": "https://www.geeksforgeeks.org/python-convert-tuple-to-adjacent-pair-dictionary/",
    "Mbpp/743": "https://www.geeksforgeeks.org/python-program-right-rotate-list-n/",
    "Mbpp/745": "https://www.w3resource.com/python-exercises/lambda/python-lambda-exercise-24.php",
    "Mbpp/749": "https://www.geeksforgeeks.org/python-sort-numeric-strings-in-a-list/",
    "Mbpp/751": "https://www.geeksforgeeks.org/how-to-check-if-a-given-array-represents-a-binary-heap/",
    "Mbpp/752": "https://www.geeksforgeeks.org/jacobsthal-and-jacobsthal-lucas-numbers/",
    "Mbpp/753": "https://www.geeksforgeeks.org/python-find-minimum-k-records-from-tuple-list/",
    "Mbpp/757": "https://www.geeksforgeeks.org/python-program-to-count-the-pairs-of-reverse-strings/",
    "Mbpp/763": "https://www.geeksforgeeks.org/find-minimum-difference-pair/",
    "Mbpp/771": "https://www.geeksforgeeks.org/check-for-balanced-parentheses-in-an-expression/",
    "Mbpp/780": "https://www.geeksforgeeks.org/python-combinations-of-sum-with-tuples-in-tuple-list/",
    "Mbpp/781": "https://www.w3resource.com/python-exercises/basic/python-basic-1-exercise-24.php",
    "Mbpp/782": "https://www.geeksforgeeks.org/sum-of-all-odd-length-subarrays/",
    "Mbpp/803": "https://www.geeksforgeeks.org/check-if-given-number-is-perfect-square-in-cpp/",
}


# EvalPlus's special oracles (evalplus/eval/_special_oracle.py and its evaluator), per task.
def _same_elements(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    return set(actual) == set(expected)


def _result_present(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    # The reference returns a re.Match or None: only whether something came back is compared.
    present = expected is not None
    return actual == present if type(actual) is bool else present == (actual is not None)


def _anything(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    return True


def _equal_or_zero(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    return actual == expected or actual == 0


def _pyramid_surface(base_edge: float, height: float) -> int:
    # The task's words allow reading "height" as the pyramid's perpendicular height too.
    slant_height = math.sqrt((base_edge / 2) ** 2 + height**2)
    return round(base_edge**2 + 2 * base_edge * slant_height)


def _surface_area(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    return actual == expected or abs(actual - _pyramid_surface(*args)) <= atol


def _padded_digit_distance(first: int, second: int) -> int:
    width = max(len(str(first)), len(str(second)))
    digits = zip(str(first).zfill(width), str(second).zfill(width), strict=True)
    return sum(abs(int(a) - int(b)) for a, b in digits)


def _digit_distance(args: tuple[Any, ...], expected: Any, actual: Any, atol: float) -> bool:
    return actual == expected or actual == _padded_digit_distance(*args)


ORACLES: Mapping[str, CallOracle] = {
    **{
        task_id: CallOracle(_same_elements)
        for task_id in (
            *("Mbpp/2", "Mbpp/7", "Mbpp/111", "Mbpp/140", "Mbpp/232", "Mbpp/249"),
            *("Mbpp/579", "Mbpp/769"),
        )
    },
    **{task_id: CallOracle(_result_present) for task_id in ("Mbpp/737", "Mbpp/787", "Mbpp/794")},
    "Mbpp/164": CallOracle(_anything),
    "Mbpp/295": CallOracle(_equal_or_zero),
    "Mbpp/581": CallOracle(_surface_area),
    "Mbpp/558": CallOracle(_digit_distance),
}


def to_v020(record: dict[str, Any]) -> dict[str, Any] | None:
    """The v0.2.0 form of a v0.1.0 record, or None when v0.2.0 removed the task."""
    task_id = record.get("task_id")
    if task_id in REMOVED_IN_V020:
        return None
    url = URLS_CUT_IN_V020.get(str(task_id))
    if url is not None:
        record = {**record, "prompt": str(record.get("prompt", "")).replace(url, "")}
    return record


@register_benchmark
class MbppPlus(Benchmark):
    name = "mbppplus"
    description = "EvalPlus MBPP+: sanitized MBPP with ~100 generated inputs per problem"
    data_version = "v0.2.0 (derived from v0.1.0)"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(MBPPPLUS_FILE, options)
        upgrade = options.data is None
        tasks = []
        for line, record in read_records(path):
            if upgrade:
                upgraded = to_v020(record)
                if upgraded is None:
                    continue
                record = upgraded
            convert = input_converter(str(record.get("task_id", "")))
            tasks.append(evalplus_task(record, self.name, path, line, ORACLES, convert))
        return tasks
