"""ENAMEL's adapter: its problem set and settings, and inputs exactly as ENAMEL generates them."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from execbench.core import Limits, UserError
from execbench.judge.efficiency_reference import generate_inputs
from execbench.sandbox.inside.plain import decode_plain
from execbench.tasks import LoadOptions, enamel_helpers, get_benchmark
from execbench.tasks.enamel import EXCLUDED


@pytest.fixture(scope="module")
def enamel_tasks(data_dir: Path) -> dict:
    tasks = get_benchmark("enamel").load(LoadOptions(data_dir=data_dir))
    return {task.task_id: task for task in tasks}


def test_the_problem_set_and_settings_are_enamels(enamel_tasks: dict) -> None:
    assert len(enamel_tasks) == 142
    assert "HumanEval/2" not in enamel_tasks and "HumanEval/160" not in enamel_tasks
    assert len(EXCLUDED) == 22
    tests = enamel_tasks["HumanEval/31"].tests
    assert [level.count for level in tests.levels] == [8, 4, 4, 4]
    assert [level.weight for level in tests.levels] == [0, 3, 3, 4]
    assert [level.size for level in tests.levels] == [100, 10000, 500000000, 1000000000]
    assert (tests.repeats, tests.timeout_factor, tests.tolerance_s) == (6, 2.0, 0.01)
    assert (tests.seed, tests.problem_index) == (998244353, 31)


def test_helpers_draw_what_enam_draws() -> None:
    # Values computed with enam 0.2.0's own datautils, from the same seed.
    random.seed(7)
    drawn = [
        enamel_helpers.rand_parens(12),
        enamel_helpers.rand_parens(9, valid=False),
        enamel_helpers.rand_parens(8, sep=None),
        enamel_helpers.rand_probably_prime(10**6),
        enamel_helpers.rand_probably_prime(100, 200),
        [enamel_helpers.rand_primality(10**6, 1, case) for case in range(3)],
        enamel_helpers.rand_primality(10**6, 0, 1),
        enamel_helpers.miller_rabin(561),
        enamel_helpers.miller_rabin(7919),
    ]
    assert drawn == [
        "(()())()(())",
        "()())(()()",
        ["()", "()", "(())"],
        547559,
        173,
        [719749, 635209, 554479],
        561,
        False,
        True,
    ]


@pytest.mark.parametrize(
    ("task_id", "level", "case", "digest"),
    [
        ("HumanEval/1", 2, 1, "db088331ebb5358f"),
        ("HumanEval/31", 1, 0, "a599c100dfc8f05b"),
        ("HumanEval/75", 3, 2, "f5deff9c9365d856"),
    ],
)
def test_inputs_are_the_ones_enamel_generates(
    enamel_tasks: dict, sandbox, task_id: str, level: int, case: int, digest: str
) -> None:
    # Digests of repr(input) from ENAMEL's own generation (enam's TPL_MAKE and seeding).
    inputs = generate_inputs(enamel_tasks[task_id].tests, sandbox, Limits())
    generated = decode_plain(inputs[level][case])
    assert hashlib.sha256(repr(generated).encode()).hexdigest()[:16] == digest


def test_a_bad_level_list_names_the_file_record_and_field(tmp_path: Path) -> None:
    header = "task_id,prompt,input_generator,input_levels,reference_solution,checker,entry_point\n"
    path = tmp_path / "enamel.csv"
    path.write_text(header + 'HumanEval/0,"def f(x):",g,1 2 x 4,r,c,f\n')
    with pytest.raises(UserError, match=r"enamel.csv: record 2: field input_levels"):
        get_benchmark("enamel").load(LoadOptions(data=path))
