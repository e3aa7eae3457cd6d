"""A failed assert says what the candidate returned and what was expected, built on the trusted
side from the call that crossed the sandbox boundary, with hard size caps."""

from __future__ import annotations

from dataclasses import replace

from execbench.core import AssertTests, Limits, Program, Status
from execbench.judge.assert_tests import judge_assert_tests
from tests.support.tasks import toy_task


def _judge(sandbox, body: str, tests: str):
    task = replace(toy_task(), tests=AssertTests(code=tests, entry_points=("add",)))
    program = Program("python", task.prompt + body)
    return judge_assert_tests(task, program, sandbox, Limits())


def test_the_call_its_result_and_the_expected_value(sandbox):
    verdict = _judge(sandbox, "    return a + b + 0.1\n", "assert add(3.5, 0) == 3.5\n")
    assert verdict.status is Status.FAILED
    assert verdict.detail == "assert add(3.5, 0) == 3.5: add(3.5, 0) returned 3.6, expected 3.5"


def test_humaneval_shape_candidate_parameter_and_multiline_assert(sandbox):
    tests = (
        "def check(candidate):\n"
        "    assert candidate(1, 1) == 2\n"
        "    assert candidate(2, 2) == [\n"
        "        4, 4\n"
        "    ]\n"
        "check(add)\n"
    )
    verdict = _judge(sandbox, "    return a + b\n", tests)
    assert verdict.detail == (
        "assert candidate(2, 2) == [ 4, 4 ]: add(2, 2) returned 4, expected [4, 4]"
    )


def test_expected_side_with_a_call_is_not_evaluated_again(sandbox):
    tests = "seen = []\nassert add(1, 2) == (seen.append(1) or 4)\n"
    verdict = _judge(sandbox, "    return a + b\n", tests)
    assert verdict.detail.endswith(": add(1, 2) returned 3")  # no "expected": it has a call


def test_a_huge_result_is_capped(sandbox):
    verdict = _judge(sandbox, "    return 'x' * 1_000_000\n", "assert add(1, 2) == 3\n")
    assert "returned 'xxx" in verdict.detail and verdict.detail.endswith("..., expected 3")
    assert len(verdict.detail) < 400


def test_a_raised_assertion_names_the_call(sandbox):
    verdict = _judge(sandbox, "    assert False, 'mine'\n", "assert add(1, 2) == 3\n")
    assert verdict.status is Status.FAILED
    assert verdict.detail == (
        "assert add(1, 2) == 3  (mine): add(1, 2) raised AssertionError, expected 3"
    )
