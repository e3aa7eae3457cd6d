"""The CallTests judge through a real process sandbox: EvalPlus's comparison rules and limits."""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path

import pytest

from execbench.core import (
    PRECONDITION_NAME,
    CallCase,
    CallOracle,
    CallTests,
    Limits,
    Program,
    ReferenceOutputs,
    Status,
    Task,
    Verdict,
)
from execbench.judge import judge, reference_outputs
from execbench.judge.opaque import Opaque
from execbench.sandbox import PythonSession, base, channel
from execbench.sandbox.channel import ChannelSession
from tests.support.sandbox import session_sandbox

LIMITS = Limits(cpu_s=10, wall_s=20)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(reference_outputs, "_memory", {})
    monkeypatch.setattr(reference_outputs, "_pruned", set())
    return tmp_path / "execbench" / "expected"


def call_task(cases, reference: str = "", **tests) -> Task:
    return Task(
        task_id="t/0",
        benchmark="test",
        prompt="",
        tests=CallTests(entry_point="f", cases=tuple(cases), **tests),
        reference=reference,
    )


def verdict(task: Task, source: str):
    return judge(task, Program("python", source), session_sandbox(), LIMITS)


def test_equal_results_pass_and_a_wrong_one_fails_with_the_case() -> None:
    task = call_task([CallCase((1, 2), 3), CallCase((2, 2), 4)])
    assert verdict(task, "def f(a, b):\n    return a + b\n").status is Status.PASSED
    wrong = verdict(task, "def f(a, b):\n    return a * b\n")
    assert wrong.status is Status.FAILED
    assert "f(1, 2) returned 2, expected 3" in wrong.detail


def test_a_crash_is_an_error_and_a_missing_function_too() -> None:
    task = call_task([CallCase((1,), 1)])
    crashed = verdict(task, "def f(a):\n    raise KeyError(a)\n")
    assert (crashed.status, crashed.error_type) == (Status.ERROR, "KeyError")
    assert verdict(task, "def g(a):\n    return a\n").status is Status.ERROR


def test_a_failed_sample_reports_what_judging_it_cost() -> None:
    # A run's timings (store.program_timings, the benches' breakdowns) count failing samples too.
    task = call_task([CallCase((1,), 1), CallCase((2,), 2)])
    burning = "def f(a):\n    import time\n    end = time.process_time() + 0.05\n"
    burning += "    while time.process_time() < end:\n        pass\n    return 1\n"
    failed = verdict(task, burning)
    assert failed.status is Status.FAILED
    assert failed.cpu_s >= 0.1 and failed.wall_s >= failed.cpu_s


def test_a_tuple_is_not_a_list() -> None:
    task = call_task([CallCase(([1, 2],), [1, 2])])
    assert verdict(task, "def f(a):\n    return tuple(a)\n").status is Status.FAILED
    assert verdict(task, "def f(a):\n    return list(a)\n").status is Status.PASSED


def test_floats_pass_within_the_tolerance_only() -> None:
    task = call_task([CallCase((), 0.1 + 0.2)])
    assert verdict(task, "def f():\n    return 0.3\n").status is Status.PASSED
    assert verdict(task, "def f():\n    return 0.31\n").status is Status.FAILED
    loose = call_task([CallCase((), 1.0)], atol=0.1)
    assert verdict(loose, "def f():\n    return 1.05\n").status is Status.PASSED
    assert verdict(loose, "def f():\n    return '1.05'\n").status is Status.FAILED


def test_a_float_tolerance_sticks_for_the_rest_of_the_group_only_when_asked() -> None:
    cases = [CallCase((), 0.5), CallCase((), 10**9)]
    near = (
        "calls = []\ndef f():\n    calls.append(1)\n"
        "    return 0.5 if len(calls) == 1 else 10**9 + 1\n"
    )
    assert verdict(call_task(cases, sticky_tolerance=True), near).status is Status.PASSED
    assert verdict(call_task(cases), near).status is Status.FAILED


def test_a_result_that_is_not_data_equals_nothing_but_an_oracle_may_accept_it() -> None:
    program = "import re\ndef f():\n    return re.match('a', 'a')\n"
    assert verdict(call_task([CallCase((), True)]), program).status is Status.FAILED
    accepting = call_task([CallCase((), True)], oracle=CallOracle(_not_none))
    assert verdict(accepting, program).status is Status.PASSED


def _not_none(args, expected, actual, atol) -> bool:
    return actual is not None


def _is_root(args, expected, actual, atol) -> bool:
    return abs(actual * actual - args[0]) <= atol


def test_a_strict_oracle_is_final_and_the_tolerance_cannot_rescue_it() -> None:
    task = call_task([CallCase((4.0,), 2.0)], atol=0.5, oracle=CallOracle(_is_root, False))
    assert verdict(task, "def f(x):\n    return -2.0\n").status is Status.PASSED
    # 2.2 is within atol of 2.0, but 2.2 * 2.2 is not within atol of 4.
    assert verdict(task, "def f(x):\n    return 2.2\n").status is Status.FAILED


def test_expected_results_come_from_the_reference_and_break_the_contract_cases_out() -> None:
    reference = "def f(n):\n    if n < 0:\n        raise ValueError(n)\n    return n * 2\n"
    contract = f"def {PRECONDITION_NAME}(n):\n    assert n != 3\n    return True\n"
    cases = [CallCase((1,), group="base"), CallCase((3,), group="plus"), CallCase((-1,), "plus")]
    spec = ReferenceOutputs(precondition=contract, precondition_groups=("plus",))
    task = call_task(cases, reference, from_reference=spec)
    # 3 breaks the contract and -1 makes the reference raise: only f(1) == 2 is checked.
    passed = verdict(task, "def f(n):\n    return 2 if n == 1 else None\n")
    assert (passed.status, passed.tests_run) == (Status.PASSED, 1)
    assert verdict(task, "def f(n):\n    return n\n").status is Status.FAILED


def test_cached_expected_results_are_reused(private_cache: Path) -> None:
    task = call_task(
        [CallCase((1,))], "def f(n):\n    return n + 1\n", from_reference=ReferenceOutputs()
    )
    assert verdict(task, "def f(n):\n    return n + 1\n").passed
    [cached] = private_cache.glob("*.json")
    stored = json.loads(cached.read_text())
    stored["cases"][0][1] = 42  # what the judge now believes the reference returned
    cached.write_text(json.dumps(stored))
    reference_outputs._memory.clear()
    assert verdict(task, "def f(n):\n    return 42\n").passed
    assert gc.isenabled()  # reading pauses the garbage collector, and only meanwhile


def test_entries_not_read_for_a_month_are_removed_and_reading_one_keeps_it(
    private_cache: Path,
) -> None:
    private_cache.mkdir(parents=True)
    month_ago = time.time() - reference_outputs.UNUSED_FOR_S - 3600
    for name in ("stale.json", "stale.lock", "fresh.json", "crashed.json.partial"):
        (private_cache / name).write_text("{}")
    for name in ("stale.json", "crashed.json.partial"):
        os.utime(private_cache / name, (month_ago, month_ago))
    task = call_task(
        [CallCase((1,))], "def f(n):\n    return n + 1\n", from_reference=ReferenceOutputs()
    )
    assert verdict(task, "def f(n):\n    return n + 1\n").passed  # computes, writes, prunes
    [computed] = {path.name for path in private_cache.glob("*.json")} - {"fresh.json"}
    assert sorted(path.name for path in private_cache.iterdir() if "lock" not in path.name) == [
        computed,
        "fresh.json",
    ]
    assert not (private_cache / "stale.lock").exists()
    # A month unread, then read: it stays, as if new.
    os.utime(private_cache / computed, (month_ago, month_ago))
    reference_outputs._memory.clear()
    assert verdict(task, "def f(n):\n    return n + 1\n").passed
    assert (private_cache / computed).stat().st_mtime > time.time() - 60


def test_a_cache_directory_that_cannot_be_used_only_costs_the_computing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "not-a-directory").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-directory"))
    task = call_task(
        [CallCase((1,))], "def f(n):\n    return n + 1\n", from_reference=ReferenceOutputs()
    )
    with pytest.warns(UserWarning, match="expected results cannot be kept in"):
        assert verdict(task, "def f(n):\n    return n + 1\n").passed
    assert verdict(task, "def f(n):\n    return n\n").status is Status.FAILED


def test_a_call_past_its_limit_is_a_timeout() -> None:
    spec = ReferenceOutputs(minimum_s=0.5)
    task = call_task([CallCase((1,))], "def f(n):\n    return n\n", from_reference=spec)
    slow = verdict(task, "import time\ndef f(n):\n    time.sleep(30)\n    return n\n")
    assert slow.status is Status.TIMEOUT


def test_the_whole_budget_comes_from_the_reference_times_not_the_configured_cpu_limit() -> None:
    # The reference needs 0.6 s of CPU on 1 and raises on -1 (so the plus group has no case):
    # a sample as slow as the reference passes, though the configured budget is 0.25 s.
    reference = (
        "import time\n"
        "def f(n):\n"
        "    if n < 0:\n"
        "        raise ValueError(n)\n"
        "    start = time.process_time()\n"
        "    while time.process_time() - start < 0.6:\n"
        "        pass\n"
        "    return n\n"
    )
    cases = [CallCase((1,), group="base"), CallCase((-1,), group="plus")]
    task = call_task(cases, reference, from_reference=ReferenceOutputs())
    tight = Limits(cpu_s=0.25, wall_s=1.0)
    passed = judge(task, Program("python", reference), session_sandbox(), tight)
    assert (passed.status, passed.tests_run) == (Status.PASSED, 1)
    assert passed.cpu_s is not None and passed.cpu_s > tight.cpu_s


# Past the first request's worth of calls (channel.REQUEST_CALLS), in two groups.
MANY = [CallCase((number,), group="base" if number < 10 else "plus") for number in range(150)]
IDENTITY = "def f(n):\n    return n\n"


def one_by_one(task: Task, source: str, monkeypatch: pytest.MonkeyPatch) -> Verdict:
    """The verdict when every call is its own round trip, as before calls were streamed."""
    with monkeypatch.context() as patch:
        patch.setattr(ChannelSession, "stream_calls", PythonSession.stream_calls)
        return verdict(task, source)


def same_verdict(first: Verdict, second: Verdict) -> bool:
    fields = ("status", "detail", "error_type", "tests_run")
    return all(getattr(first, name) == getattr(second, name) for name in fields)


@pytest.mark.parametrize(
    ("body", "status", "tests_run"),
    [
        ("return n", Status.PASSED, 150),
        # Had the judge waited for more outcomes, the sleeps would make this a timeout.
        (
            "if n == 3:\n        return -1\n    time.sleep(30 if n > 3 else 0)\n    return n",
            Status.FAILED,
            4,
        ),
        ("return -1 if n == 100 else n", Status.FAILED, 101),
        ("if n == 70:\n        raise ValueError('seventy')\n    return n", Status.ERROR, 71),
        ("return object() if n == 70 else n", Status.FAILED, 71),
        ("if n == 70:\n        os._exit(3)\n    return n", Status.ERROR, 71),
    ],
    ids=["pass", "wrong early", "wrong late", "crash", "not data", "exit"],
)
def test_streamed_calls_give_the_verdicts_of_one_call_at_a_time(
    body: str, status: Status, tests_run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = call_task(MANY, IDENTITY, from_reference=ReferenceOutputs())
    source = f"import os, time\ndef f(n):\n    {body}\n"
    streamed = verdict(task, source)
    assert (streamed.status, streamed.tests_run) == (status, tests_run)
    assert same_verdict(streamed, one_by_one(task, source, monkeypatch)), streamed


def test_a_tasks_arguments_are_encoded_once_for_all_its_samples(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    encoded = []

    def encode_plain(value):
        encoded.append(value)
        return channel.encode_plain(value)

    monkeypatch.setattr(base, "encode_plain", encode_plain)
    task = call_task(MANY, IDENTITY, from_reference=ReferenceOutputs())
    assert verdict(task, IDENTITY).passed
    assert verdict(task, "def f(n):\n    return -1 if n == 100 else n\n").tests_run == 101
    assert verdict(task, IDENTITY).passed
    assert encoded == [[n] for n in range(150)]


def _equal_or_not_data(args, expected, actual, atol) -> bool:
    return isinstance(actual, Opaque) or actual == expected


def test_an_accepted_result_that_is_not_data_lets_the_batch_go_on() -> None:
    oracle = CallOracle(_equal_or_not_data)
    task = call_task(MANY, IDENTITY, from_reference=ReferenceOutputs(), oracle=oracle)
    passed = verdict(task, "def f(n):\n    return object() if n in (5, 70) else n\n")
    assert (passed.status, passed.tests_run) == (Status.PASSED, 150)
    failed = verdict(task, "def f(n):\n    return object() if n == 70 else -n\n")
    assert (failed.status, failed.tests_run) == (Status.FAILED, 2)


def test_a_call_stuck_mid_batch_times_out_after_its_own_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Forty calls of a second each make a group budget of 40 s (the session's limits scale
    # above it); six naps outlast one call's limit, each within it. Only the stuck call's own
    # limit, counted from the previous outcome, ends the session before the group's budget.
    spec = ReferenceOutputs(minimum_s=1.0)
    task = call_task([CallCase((n,)) for n in range(40)], IDENTITY, from_reference=spec)
    source = "import time\ndef f(n):\n    time.sleep(0.3 if n < 6 else 3600)\n    return n\n"
    stuck = verdict(task, source)
    assert (stuck.status, stuck.detail, stuck.tests_run) == (
        Status.TIMEOUT,
        "wall limit exceeded",
        7,
    )
    group_budget_s = 40 * spec.minimum_s
    assert 6 * 0.3 + spec.minimum_s <= stuck.wall_s < group_budget_s
    assert same_verdict(stuck, one_by_one(task, source, monkeypatch))
