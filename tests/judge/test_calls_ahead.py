"""Assert-style tests whose opening calls are made ahead in one request: which calls are read from
the test code, and a verdict that is the one calling one by one gives, whatever the program does
(right, wrong, raising, stateful, unencodable, looping) and when the reading was wrong."""

from __future__ import annotations

from dataclasses import replace

import pytest

from execbench.core import AssertTests, Limits, Program, Status
from execbench.judge import assert_tests
from execbench.judge.assert_tests import judge_assert_tests
from execbench.judge.calls_ahead import planned_calls
from execbench.sandbox.channel import ChannelSession
from tests.support.tasks import toy_task

CHECK = (
    "METADATA = {'author': 'x'}\n"
    "def check(candidate):\n"
    "    assert candidate(1, 2) == 3\n"
    "    assert abs(candidate(0.5, 0.25) - 0.75) < 1e-6\n"
    "    assert candidate(-1, 1) == 0, 'signs'\n"
    "    for a in range(3):\n"
    "        assert candidate(a, a) == 2 * a\n"
    "check(add)\n"
)
LIMITS = Limits(cpu_s=1.0, wall_s=4.0)


def plan_of(code: str, entry_points: tuple[str, ...] = ("add",)):
    plan = planned_calls(AssertTests(code=code, entry_points=entry_points))
    return None if plan is None else (plan.name, [list(args) for args in plan.calls])


def test_the_opening_run_of_literal_calls_is_read_through_check():
    assert plan_of(CHECK) == ("add", [[1, 2], [0.5, 0.25], [-1, 1]])


def test_module_level_asserts_are_read_in_order():
    code = "assert add((1, 2), [3]) == 1\nassert set(add({1}, None)) == {2}\n"
    assert plan_of(code) == ("add", [[(1, 2), [3]], [{1}, None]])


@pytest.mark.parametrize(
    "code",
    [
        "x = 1\nassert add(x, 1) == 2\n",  # an argument known only at run time
        "def h(v):\n    return v\nassert h(add(1, 1)) == 2\n",  # a helper of the tests
        "sorted = lambda v: v\nassert sorted(add(1, 1)) == 2\n",  # a rebound builtin
        "assert add(1, 1) == add(2, 0)\n",  # two calls in one assert
        "assert add(1, b=1) == 2\n",  # a keyword argument
        "if True:\n    assert add(1, 1) == 2\n",  # a branch
    ],
)
def test_no_calls_are_read_where_they_cannot_be_known(code):
    assert plan_of(code) is None


def test_a_call_to_another_entry_point_ends_the_plan():
    code = "assert f(1) == 1\nassert g(2) == 2\nassert f(3) == 3\n"
    assert plan_of(code, entry_points=("f", "g")) == ("f", [[1]])


def judged(sandbox, body: str, code: str, *, ahead: bool, entry_points=("add",), monkeypatch):
    task = replace(toy_task(), tests=AssertTests(code=code, entry_points=entry_points))
    with monkeypatch.context() as patch:
        if not ahead:
            patch.setattr(assert_tests, "planned_calls", lambda tests: None)
        verdict = judge_assert_tests(task, Program("python", task.prompt + body), sandbox, LIMITS)
    return verdict.status, verdict.detail, verdict.error_type, verdict.tests_run


PROGRAMS = {
    "right": "    return a + b\n",
    "wrong at the second call": "    return a + b + (0.5 if a == 0.5 else 0)\n",
    "raises at the second call": "    if a == 0.5:\n        raise KeyError(a)\n    return a + b\n",
    # Right only if every call is made once, in order, in this process.
    "stateful": (
        "    _calls.append(a)\n"
        "    return a + b if _calls == [1, 0.5, -1, 0, 1, 2][: len(_calls)] else None\n"
        "_calls = []\n"
    ),
    "unencodable at the first call": "    return (x for x in ())\n",
    "wrong, then loops": "    while a == 0.5:\n        pass\n    return a - b\n",
}


@pytest.mark.parametrize("kind", list(PROGRAMS))
def test_the_verdict_is_the_one_calling_one_by_one_gives(sandbox, monkeypatch, kind):
    body = PROGRAMS[kind]
    ahead = judged(sandbox, body, CHECK, ahead=True, monkeypatch=monkeypatch)
    one_by_one = judged(sandbox, body, CHECK, ahead=False, monkeypatch=monkeypatch)
    assert ahead == one_by_one
    assert ahead[0] is (Status.PASSED if kind in ("right", "stateful") else ahead[0])


def test_planned_calls_cross_in_one_request(sandbox, monkeypatch):
    live = []
    real_call = ChannelSession.call

    def counted(self, *args, **kwargs):
        live.append(args[0])
        return real_call(self, *args, **kwargs)

    monkeypatch.setattr(ChannelSession, "call", counted)
    verdict = judged(sandbox, PROGRAMS["right"], CHECK, ahead=True, monkeypatch=monkeypatch)
    assert verdict[0] is Status.PASSED and verdict[3] == 6
    assert len(live) == 3  # the three calls of the loop; the three read ahead went together


def test_a_plan_the_tests_did_not_follow_is_judged_again_one_by_one(sandbox, monkeypatch):
    # Read ahead: f(1), f(0). Run: f(1), then g(0) - `f = g` binds no call the reading sees.
    # Had the sample kept the call f(0) it made ahead, g would return 2 and the sample fail.
    program = (
        "_count = 0\n"
        "def f(x):\n    global _count\n    _count += 1\n    return _count\n"
        "def g(x):\n    return _count\n"
    )
    code = "assert f(1) == 1\nf = g\nassert f(0) == 1\n"
    task = replace(toy_task(), prompt="", tests=AssertTests(code=code, entry_points=("f", "g")))
    assert planned_calls(task.tests) is not None
    verdict = judge_assert_tests(task, Program("python", program), sandbox, LIMITS)
    assert (verdict.status, verdict.tests_run) == (Status.PASSED, 2)
