"""TestEval's judging, real sandboxes: coverage.py measured inside, TestEval's counts outside."""

from __future__ import annotations

from fractions import Fraction

import pytest

from execbench.core import Limits, Program, Status, Task
from execbench.judge import judge
from execbench.judge.coverage_tests import coverage_at_k, longest_common_run
from execbench.judge.test_snippets import formatted_test, split_tests
from execbench.tasks import LoadOptions, get_benchmark
from tests.conftest import datasets_dir, missing_dataset

MEDIAN = "findMedianSortedArrays"


def _first(name: str, suffix: str = "") -> Task:
    if not (datasets_dir() / "testeval").is_dir():
        missing_dataset("TestEval's data is not in the shared datasets")
    tasks = get_benchmark(name).load(LoadOptions(data_dir=datasets_dir(), offline=True))
    return next(t for t in tasks if t.task_id == f"TestEval/4{suffix}")


@pytest.fixture(scope="module")
def overall() -> Task:
    return _first("testeval")


def _test(name: str, body: str) -> str:
    return f"def {name}():\n    solution = Solution()\n    {body}\n"


def test_overall_counts_syntax_execution_and_coverage(overall, sandbox):
    sample = (
        _test("test_a", f"assert solution.{MEDIAN}([1, 3], [2]) == 2.0")
        + _test("test_b", f"assert solution.{MEDIAN}([1, 2], [3, 4]) == 99")  # a wrong assert
        + _test("test_c", "x = = 1\n    y = 2")  # does not compile
        + _test("test_d", "assert Solution() is not None")  # never calls the function
        + _test("test_e", f"solution.{MEDIAN}(None, [1])")  # raises TypeError
    )
    verdict = judge(overall, Program("python", sample), sandbox, Limits())
    assert verdict.status is Status.COMPILE_ERROR
    assert verdict.parts["syntax"] == (4, 5)
    # A failed assert is executable (TestEval); no call, or an error, is not.
    assert verdict.parts["executable"] == (2, 5)
    assert verdict.parts["passing"] == (2, 5)  # test_a and test_d
    covered, statements = verdict.parts["lines"]
    assert 0 < covered < statements == 22  # the 9 import lines are excluded (TestEval's config)
    assert verdict.parts["branches"][1] == 10


def test_passing_overall_and_more_tests_cover_more(overall, sandbox):
    one = _test("test_a", f"assert solution.{MEDIAN}([1, 3], [2]) == 2.0")
    two = one + _test("test_b", f"assert solution.{MEDIAN}([1, 2, 3], [4]) == 2.5")
    first = judge(overall, Program("python", one), sandbox, Limits())
    second = judge(overall, Program("python", two), sandbox, Limits())
    assert first.status is second.status is Status.PASSED
    assert second.parts["branches"][0] > first.parts["branches"][0]
    # cov@1 of two tests is the mean of each alone; cov@5 of two is their union.
    assert second.parts["lines@5"] == second.parts["lines"]
    assert Fraction(*second.parts["lines@1"]) < Fraction(*second.parts["lines"])


@pytest.mark.parametrize(
    ("call", "hit"),
    [("solution.{f}([1, 3], [2])", 1), ("solution.{f}([1], [2, 3])", 0)],
)
def test_line_target_is_hit_only_when_the_line_runs(sandbox, call, hit):
    task = _first("testeval-line", "/line/16")  # line 16: the swap when nums1 is longer
    verdict = judge(
        task, Program("python", _test("test_x", call.format(f=MEDIAN))), sandbox, Limits()
    )
    assert verdict.status is Status.PASSED
    assert verdict.parts["target"] == (hit, 1)


@pytest.mark.parametrize(("args", "hit"), [("[1, 3], [2]", 1), ("[1], [2, 3]", 0)])
def test_branch_target_and_a_failing_assert_still_counts(sandbox, args, hit):
    task = _first("testeval-branch", "/branch/15-16")  # entered only when nums1 is longer
    sample = _test("test_x", f"assert solution.{MEDIAN}({args}) == 0")
    verdict = judge(task, Program("python", sample), sandbox, Limits())
    assert verdict.status is Status.FAILED
    assert verdict.parts["target"] == (hit, 1)


def test_path_similarity_follows_the_logged_path(sandbox):
    task = _first("testeval-path", "/path/0")
    on_path = judge(
        task,
        Program("python", _test("test_x", f"solution.{MEDIAN}([1, 3], [2])")),
        sandbox,
        Limits(),
    )
    off_path = judge(
        task, Program("python", _test("test_x", f"solution.{MEDIAN}([], [1])")), sandbox, Limits()
    )
    found, target = on_path.parts["path"]
    assert target == len(task.tests.target_path)
    assert off_path.parts["path"][0] < found


def test_a_looping_test_times_out_alone(overall, sandbox):
    sample = _test("test_a", f"assert solution.{MEDIAN}([1, 3], [2]) == 2.0") + _test(
        "test_b", f"while True: pass\n    solution.{MEDIAN}([1], [2])"
    )
    verdict = judge(overall, Program("python", sample), sandbox, Limits())
    assert verdict.status is Status.TIMEOUT
    assert verdict.parts["executable"] == (1, 2)
    assert verdict.parts["lines"][0] > 0


def test_testeval_formatting_keeps_one_input_and_renames():
    text = "Here:\n  def test_foo():\n      s = Solution()\n      s.f(1)\n      s.f(2)\n"
    test = formatted_test(text.replace("s.f", "solution.f").replace("s =", "solution ="), "f")
    assert test.startswith("def test_f():") and "f(2)" not in test
    assert split_tests("def test_a():\n    pass\ndef test_b():\n    pass\n")[1].startswith(
        "def test_b"
    )


def test_coverage_at_k_is_the_expectation_over_draws():
    covered = [frozenset({1, 2}), frozenset({2, 3}), frozenset()]
    # k=1: the mean coverage of one test; k=2: each pair's union, averaged; k>=3: the union.
    assert Fraction(*coverage_at_k(covered, 4, 1)) == Fraction(2 + 2 + 0, 3 * 4)
    assert Fraction(*coverage_at_k(covered, 4, 2)) == Fraction(3 + 2 + 2, 3 * 4)
    assert coverage_at_k(covered, 4, 3) == (3, 4)


def test_longest_common_run_is_unbroken():
    assert longest_common_run(["a", "b", "x", "c"], ["a", "b", "c"]) == 2
    assert longest_common_run(["b", "c", "a"], ["a", "b", "c"]) == 2
    assert longest_common_run([], ["a"]) == 0
