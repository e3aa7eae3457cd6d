"""ENAMEL (Qiu et al., ICLR 2025): HumanEval problems scored by how fast a correct sample runs.

Each problem has an input generator, four levels of input sizes and an expert's efficient
solution; a sample's efficiency compares its time on each level with that solution's (judge/
efficiency_tests.py), and eff@k summarises it (metrics/eff_at_k.py). The settings are those of
ENAMEL's paper and its evaluator (`demo.py`, `enam/evaluate.py` at the pinned commit): 8, 4, 4,
4 inputs per level, level weights 0, 3, 3, 4, 6 timed repeats, a limit of twice the reference's
slowest time plus 10 ms, seed 998244353, and the 142 problems of its problem set (the 22 others
are in SOURCES.md). The prompt runs before the sample, as ENAMEL runs it.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from execbench.core import EfficiencyLevel, EfficiencyTests, Task, UserError
from execbench.tasks import enamel_helpers
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

ENAMEL_FILE = DataFile(
    relpath="enamel/enamel.csv",
    sha256=frozenset({"1b77dba08bd3dedec199abce593c86a4f611c288475c318e1775bd56d1419b14"}),
    url="https://raw.githubusercontent.com/q-rz/enamel/b97da79c779b98eaa8b2a1b17a13d2eb0b6d16a5/dataset/enamel.csv",
    license="Apache-2.0",
)

# ENAMEL's PROBLEMSET (enam/__init__.py): HumanEval's 164 problems but these.
EXCLUDED = frozenset(
    {2, 23, 41, 45, 53, 60, 71, 92, 97, 99, 102, 123, 124, 135, 137, 138, 144, 148, 156}
    | {157, 159, 160}
)
SEED = 998244353
TESTS_PER_LEVEL = (8, 4, 4, 4)
LEVEL_WEIGHTS = (0.0, 3.0, 3.0, 4.0)
REPEATS = 6
TIMEOUT_FACTOR = 2.0
TOLERANCE_S = 0.01
_HELPERS = Path(enamel_helpers.__file__).read_text(encoding="utf-8")
_COLUMNS = (
    "task_id",
    "prompt",
    "input_generator",
    "input_levels",
    "reference_solution",
    "checker",
    "entry_point",
)


@register_benchmark
class Enamel(Benchmark):
    name = "enamel"
    description = "ENAMEL: HumanEval problems scored by efficiency (eff@k) against expert solutions"
    data_version = "b97da79"

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(ENAMEL_FILE, options)
        return [
            enamel_task(row, index, path)
            for index, row in enumerate(_read_rows(path))
            if index not in EXCLUDED
        ]


def _read_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)  # generators and solutions are long fields
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    missing = [name for name in _COLUMNS if rows and name not in rows[0]]
    if missing:
        raise UserError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    return rows


def enamel_task(row: dict[str, str], index: int, path: Path) -> Task:
    line = index + 2  # the header is line 1 (records span lines; this is the record's number)
    try:
        sizes = [int(size) for size in row["input_levels"].split()]
    except ValueError as exc:
        raise UserError(f"{path}: record {line}: field input_levels: {exc}") from exc
    if len(sizes) != len(TESTS_PER_LEVEL):
        raise UserError(
            f"{path}: record {line}: field input_levels: {len(sizes)} sizes, "
            f"expected {len(TESTS_PER_LEVEL)}"
        )
    prompt, entry_point = row["prompt"], row["entry_point"]
    levels = tuple(
        EfficiencyLevel(size, count, weight)
        for size, count, weight in zip(sizes, TESTS_PER_LEVEL, LEVEL_WEIGHTS, strict=True)
    )
    # ENAMEL's prompts end at the docstring's quotes; its evaluator puts a newline after them.
    opened = prompt + "\n"
    return Task(
        task_id=row["task_id"],
        benchmark="enamel",
        prompt=opened,
        entry_point=entry_point,
        completion_prefix=opened,
        reference=opened + row["reference_solution"],
        tests=EfficiencyTests(
            entry_point=entry_point,
            generator=row["input_generator"],
            checker=row["checker"],
            levels=levels,
            problem_index=index,
            seed=SEED,
            prelude=prompt,
            helpers=_HELPERS,
            repeats=REPEATS,
            timeout_factor=TIMEOUT_FACTOR,
            tolerance_s=TOLERANCE_S,
        ),
    )
