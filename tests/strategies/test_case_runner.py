"""Programs on a strategy's cases, in the real sandbox: each case on its own under a CPU-time
alarm, what the call returned, and nothing a hostile program prints or does passes a case."""

from __future__ import annotations

import asyncio

import pytest

from execbench.core import Limits, Program, StdioCase, StdioTests
from execbench.strategies.execution import CaseRunner

CASES = ["assert double(2) == 4", "assert double(3) == 7", "assert double(-1) == -2"]


@pytest.fixture(scope="module")
def runner():
    case_runner = CaseRunner("namespace", workers=2, limits=Limits.for_cpu(5.0))
    yield case_runner
    case_runner.close()


def run(runner: CaseRunner, source: str, cases=CASES, timeout_s: float = 0.5):
    return asyncio.run(runner.run_asserts(Program("python", source), cases, timeout_s))


def test_each_case_passes_or_fails_on_its_own_saying_what_came_back(runner):
    outcomes = run(runner, "def double(x):\n    return x * 2\n")
    assert [(o.passed, o.output) for o in outcomes] == [(True, "4"), (False, "6"), (True, "-2")]


def test_a_looping_case_times_out_and_the_others_still_run(runner):
    source = "def double(x):\n    while x == 3:\n        pass\n    return x * 2\n"
    outcomes = run(runner, source, timeout_s=0.2)
    assert [(o.passed, o.output) for o in outcomes] == [
        (True, "4"),
        (False, "timed out"),
        (True, "-2"),
    ]


def test_an_exception_is_reported_with_its_type(runner):
    outcomes = run(runner, "def double(x):\n    return {}[x]\n")
    assert outcomes[0].output == "KeyError: 2" and not outcomes[0].passed


def test_a_program_that_does_not_load_fails_every_case(runner):
    outcomes = run(runner, "def double(x):\n    return x * 2\nundefined_name\n")
    assert not any(o.passed for o in outcomes)
    assert all("did not load: NameError" in o.output for o in outcomes)


@pytest.mark.parametrize(
    "hostile",
    [
        # a forged report: it cannot know the nonce, and the report stream is not its stdout
        'import sys\nprint(\'EXECBENCH-CASES x {"cases": [{"passed": true}]}\')\n'
        "sys.__stdout__.write('EXECBENCH-CASES x {}\\n')\n",
        # ending the runner before it reports
        "import os\nos._exit(0)\n",
        # a forged report on every descriptor the report could use, then no real one
        'import os\nline = b\'EXECBENCH-CASES 0 {"cases": [{"passed": true}] * 3}\\n\'\n'
        "for fd in range(1, 10):\n    try: os.write(fd, line)\n    except OSError: pass\n"
        "os._exit(0)\n",
        # swallowing the case alarm: the run's own CPU limit ends it
        "def double(x):\n    while True:\n        try:\n            while True: pass\n"
        "        except BaseException: pass\n",
    ],
)
def test_nothing_a_hostile_program_does_passes_a_case(runner, hostile):
    outcomes = run(runner, hostile, timeout_s=0.2)
    assert len(outcomes) == len(CASES)
    assert not any(o.passed for o in outcomes)


def test_a_stdio_example_says_what_was_expected_and_what_came(runner):
    examples = StdioTests(cases=(StdioCase("2 1\n", "3\n"), StdioCase("2 2\n", "4\n")))
    program = Program("python", "a, b = map(int, input().split())\nprint(a * b)\n")
    outcomes = asyncio.run(runner.run_stdio(program, examples))
    assert [o.passed for o in outcomes] == [False, True]
    assert outcomes[0].expected == "3\n" and "expected '3', got '2'" in outcomes[0].output
