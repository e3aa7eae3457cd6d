"""The stdio judge with tasks of our own: tokens, float tolerance, and checker programs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from execbench.core import Limits, Program, Status, StdioCase, StdioTests, Task
from execbench.judge import judge
from execbench.sandbox import Sandbox, make_sandbox
from tests.support.sandbox import session_sandbox

# CPU is what stops a spinning program here, never the wall limit, however loaded the machine.
LIMITS = Limits(cpu_s=0.5, wall_s=10)
SUM_CASES = (StdioCase("1 2\n", "3\n"), StdioCase("10 -4\n", "6\n"))
SQRT_CASES = (StdioCase("2\n", "1.414213562\n"),)

# Any pair (a, b) with a + b == n is a right answer: only a checker can judge it.
SPLIT_CHECKER = """
import sys
n = int(open(sys.argv[1]).read())
out = open(sys.argv[2]).read().split()
if len(out) != 2 or not all(t.lstrip("-").isdigit() for t in out):
    print("expected two integers")
    sys.exit(2)
a, b = map(int, out)
if a + b != n:
    print(f"{a} + {b} != {n}")
    sys.exit(1)
sys.exit(0)
"""


def task(cases, checker=None) -> Task:
    return Task("t", "own", "", StdioTests(cases=cases, checker=checker), reference="")


def verdict(source: str, cases=SUM_CASES, checker=None, limits=LIMITS, box: Sandbox | None = None):
    """The verdict in `box`, by default the test session's sandbox."""
    return judge(task(cases, checker), Program("python", source), box or session_sandbox(), limits)


def test_right_program_passes_every_case():
    result = verdict("a, b = map(int, input().split())\nprint(a + b)\n")
    assert result.status is Status.PASSED and result.tests_run == 2


def test_wrong_answer_names_the_case_and_token():
    result = verdict("a, b = map(int, input().split())\nprint(a - b)\n")
    assert result.status is Status.FAILED
    assert result.detail.startswith("case 1/2: wrong answer") and "'3'" in result.detail


def test_float_answers_within_tolerance_pass():
    assert verdict("print(2 ** 0.5)", SQRT_CASES).passed
    assert verdict("print(1.4142)", SQRT_CASES).status is Status.FAILED


def test_a_wrong_large_integer_gets_no_float_tolerance():
    big = (StdioCase("", "1000000000000 7\n"),)
    assert verdict("print(10 ** 12, 7)", big).passed
    off_by_one = verdict("print(10 ** 12 + 1, 7)", big)
    assert off_by_one.status is Status.FAILED and "'1000000000001'" in off_by_one.detail


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("def broken(:\n", Status.COMPILE_ERROR),
        ("raise ValueError('no')", Status.ERROR),
        ("while True: pass", Status.TIMEOUT),
        ("import sys; print(3); sys.exit(3)", Status.ERROR),
    ],
)
def test_programs_that_do_not_end_normally(source, status):
    assert verdict(source).status is status


def test_printing_a_fake_pass_is_just_wrong_output():
    assert verdict("print('PASSED')").status is Status.FAILED


CHECKER_CASES = (StdioCase("10\n", ""), StdioCase("3\n", ""))


def test_checker_accepts_any_right_answer():
    assert verdict("n = int(input()); print(1, n - 1)", CHECKER_CASES, SPLIT_CHECKER).passed
    assert verdict("n = int(input()); print(n, 0)", CHECKER_CASES, SPLIT_CHECKER).passed


def test_checker_rejects_with_its_message():
    result = verdict("n = int(input()); print(n, 1)", CHECKER_CASES, SPLIT_CHECKER)
    assert result.status is Status.FAILED and "10 + 1 != 10" in result.detail
    result = verdict("print('x y')", CHECKER_CASES, SPLIT_CHECKER)
    assert result.status is Status.FAILED and "expected two integers" in result.detail


def test_checker_crash_is_a_sandbox_error_never_a_fail():
    crashing = "import sys\nraise RuntimeError('checker bug')\n"
    result = verdict("print(1, 9)", CHECKER_CASES, crashing)
    assert result.status is Status.SANDBOX_ERROR and "checker failed" in result.detail


def test_checker_with_an_unknown_exit_code_is_a_sandbox_error():
    result = verdict("print(1, 9)", CHECKER_CASES, "import sys; sys.exit(7)")
    assert result.status is Status.SANDBOX_ERROR
    assert result.detail == "case 1/2: checker failed (exit code 7)"


def test_a_checker_that_times_out_is_a_sandbox_error():
    # The program is right and quick; only the checker overruns its CPU limit.
    limits = Limits(cpu_s=0.3, wall_s=30)
    result = verdict("print(1, 9)", CHECKER_CASES, "while True: pass", limits)
    assert result.status is Status.SANDBOX_ERROR
    assert result.detail == "case 1/2: checker failed (cpu limit)"


@pytest.fixture(scope="module", params=["namespace", "process"])
def each_sandbox(request) -> Iterator[Sandbox]:
    box = make_sandbox(request.param)
    yield box
    box.close()


def test_candidate_cannot_pass_by_writing_the_checker_files(each_sandbox):
    # The checker runs in its own fresh directory, so files left by the program are not seen:
    # the forged files hold a right answer for every case, the printed one is wrong.
    source = (
        "n = int(input())\n"
        "for name in ('output.txt', 'answer.txt'):\n"
        "    open(name, 'w').write(f'1 {n - 1}')\n"
        "print(0, 0)\n"
    )
    result = verdict(source, CHECKER_CASES, SPLIT_CHECKER, box=each_sandbox)
    assert result.status is Status.FAILED
    assert result.detail == "case 1/2: checker: 0 + 0 != 10"
