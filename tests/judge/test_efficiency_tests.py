"""The efficiency judge (ENAMEL's rules) on a small made-up task, through the real sandbox.

Timed scores depend on the machine, so these tests assert what does not: verdicts, where the
measuring stopped, and the line counts, which are exact.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from execbench.core import EfficiencyLevel, EfficiencyTests, Limits, Program, Status, Task
from execbench.judge.efficiency_tests import judge_efficiency_tests

REFERENCE = """
def total(xs):
    s = 0
    for x in xs:
        s += x
    return s
"""
GENERATOR = """
def generate_input(size, lid, cid):
    return [random.randint(0, 9) for _ in range(size)],
"""
CHECKER = """
def __check(input, answer, output):
    return type(output) == type(answer) and output == answer
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))


@pytest.fixture(scope="module")
def task() -> Task:
    levels = (
        EfficiencyLevel(5, 2, 0.0),
        EfficiencyLevel(200, 1, 3.0),
        EfficiencyLevel(2000, 1, 3.0),
        EfficiencyLevel(4000, 1, 4.0),
    )
    tests = EfficiencyTests(
        entry_point="total",
        generator=GENERATOR,
        checker=CHECKER,
        levels=levels,
        problem_index=0,
        seed=1,
        helpers="import random\n",
        repeats=2,
    )
    return Task("made/0", "made", "", tests, REFERENCE, entry_point="total")


def judge(task: Task, source: str, sandbox):
    return judge_efficiency_tests(task, Program("python", source), sandbox, Limits())


def test_the_reference_scores_one_in_lines_and_its_measures_are_kept(task, sandbox) -> None:
    verdict = judge(task, REFERENCE, sandbox)
    assert verdict.status is Status.PASSED, verdict.detail
    measured = verdict.measures["enamel"]
    # Lines run per call: two per element, three more (the loop's last test): on any machine.
    assert measured["reference_lines"] == [0.0, 403.0, 4003.0, 8003.0]
    assert measured["lines"] == [0.0, 403.0, 4003.0, 8003.0]
    assert measured["eff_lines"] == 1.0
    assert len(measured["levels"]) == 4 and measured["levels"][0] == 0.0
    assert measured["limit_s"] == pytest.approx(2 * max(measured["reference_s"]))
    assert measured["spread"] >= 0


def test_fewer_lines_score_above_one_and_more_below(task, sandbox) -> None:
    builtin = judge(task, "def total(xs):\n    return sum(xs)\n", sandbox)
    assert builtin.measures["enamel"]["eff_lines"] > 1.5
    twice = "def total(xs):\n    s = 0\n    for x in xs + xs:\n        s += x\n    return s // 2\n"
    slower = judge(task, twice, sandbox).measures["enamel"]
    assert slower["lines"] == [0.0, 803.0, 8003.0, 16003.0]
    # One limit for every level: twice the reference's slowest level, 16006 lines.
    scores = [(16006 - 803) / (16006 - 403), (16006 - 8003) / (16006 - 4003), 3 / 8003]
    expected = (3 * scores[0] + 3 * scores[1] + 4 * scores[2]) / 10
    assert slower["eff_lines"] == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(
    ("source", "status", "detail"),
    [
        ("def total(xs):\n    return sum(xs) + (len(xs) > 1000)\n", Status.FAILED, "level 2"),
        ("def total(xs):\n    return float(sum(xs))\n", Status.FAILED, "level 0"),
        ("def total(xs):\n    return xs[10**6]\n", Status.ERROR, "IndexError"),
        # ENAMEL runs samples with `print` set to None: printing fails the sample.
        ("def total(xs):\n    print(xs)\n    return sum(xs)\n", Status.ERROR, "TypeError"),
        ("def total(xs):\n    while len(xs) < 10:\n        pass\n", Status.TIMEOUT, "level 0"),
        ("def total(xs)\n    return 0\n", Status.COMPILE_ERROR, "SyntaxError"),
    ],
)
def test_enamels_failures(task, sandbox, source: str, status: Status, detail: str) -> None:
    verdict = judge(task, source, sandbox)
    assert verdict.status is status
    assert detail in verdict.detail
    assert verdict.measures == {"enamel": {"eff": 0.0, "eff_lines": 0.0}}


def test_running_out_of_time_on_a_weighted_level_stops_the_measuring_there(task, sandbox) -> None:
    hangs = "def total(xs):\n    while len(xs) > 1000:\n        pass\n    return sum(xs)\n"
    verdict = judge(task, hangs, sandbox)
    assert verdict.status is Status.PASSED
    assert verdict.detail == ""  # results.jsonl holds nothing timed
    measured = verdict.measures["enamel"]
    assert measured["stopped"].startswith("stopped at level 2")
    assert len(measured["seconds"]) == 2
    assert measured["levels"][2:] == [0.0, 0.0]


def test_patching_the_clocks_does_not_change_the_times(task, sandbox) -> None:
    cheat = (
        "import time\n"
        "time.thread_time = time.process_time = lambda: 0.0\n"
        "def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\n"
    )
    measured = judge(task, cheat, sandbox).measures["enamel"]
    assert all(seconds > 0 for seconds in measured["seconds"][1:])
