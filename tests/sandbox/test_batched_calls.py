"""Calls batched in one round trip still end at their own limits, whatever the program does to
the worker's timer: tampering only brings its own failure."""

from __future__ import annotations

import time

import pytest

from execbench.core import LimitHit, Limits
from execbench.sandbox import CallBatch, CallStatus, channel

SESSION = Limits(cpu_s=30.0, wall_s=30.0, memory_mb=512)
LIMIT_S = 0.3

PROGRAM = """
import signal, time

def spin(seconds, tamper):
    if tamper == "disarm":
        signal.setitimer(signal.ITIMER_REAL, 0)
    elif tamper == "ignore":
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
    elif tamper == "catch":
        signal.signal(signal.SIGALRM, lambda *args: None)
    elif tamper == "swallow":
        try:
            while True:
                pass
        except BaseException:
            pass
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass
    return seconds

def echo(value):
    return value
"""

TAMPERING = ["none", "disarm", "ignore", "catch"]


def stream_outcomes(
    sandbox, calls: list[list], limit_s: float = LIMIT_S, budget_s=None, late: int | None = None
):
    """The calls' outcomes, read at once, or from call `late` on only once it had time to end."""
    batch = CallBatch(calls, limits_s=[limit_s] * len(calls))
    outcomes = []
    with sandbox.open_python(SESSION) as session:
        assert session.load(PROGRAM).status is CallStatus.OK
        stream = session.stream_calls("spin", batch, budget_s=budget_s)
        for number, _ in enumerate(calls):
            if number == late:
                time.sleep(sum(seconds for seconds, _ in calls) + 0.5)
            outcomes.append(stream.next())
    return outcomes


@pytest.mark.parametrize("late", [None, 3])
@pytest.mark.parametrize("tamper", TAMPERING)
def test_a_call_past_its_limit_fails_though_the_batch_has_time_left(sandbox, tamper, late):
    """Read as it happens, or late (as a busy judge does): then only the kernel's timestamps
    show that the reply came after the call's limit."""
    calls = [[0.01, "none"]] * 3 + [[2 * LIMIT_S, tamper], [0.01, "none"]]
    outcomes = stream_outcomes(sandbox, calls, budget_s=10.0, late=late)
    assert [outcome.status for outcome in outcomes[:3]] == [CallStatus.OK] * 3
    overrun = outcomes[3]
    assert overrun.status is CallStatus.DIED, overrun
    assert overrun.execution.limit_hit is LimitHit.WALL
    assert outcomes[4].execution is overrun.execution


@pytest.mark.parametrize("tamper", [*TAMPERING, "swallow"])
def test_a_looping_call_is_ended_at_its_limit_not_the_sessions(sandbox, tamper):
    outcomes = stream_outcomes(sandbox, [[0.01, "none"], [3600, tamper]])
    assert outcomes[0].status is CallStatus.OK
    stuck = outcomes[1]
    assert stuck.status is CallStatus.DIED and stuck.execution.limit_hit is LimitHit.WALL
    # Ended by the call's limit (plus a grace), far before the session's wall limit could.
    assert stuck.execution.wall_s < SESSION.wall_s / 4


def test_the_batch_budget_is_kept_from_outside_whatever_the_calls_limits(sandbox):
    # Each call is within its own limit, but the batch has time for about three of them.
    outcomes = stream_outcomes(sandbox, [[0.2, "disarm"]] * 10, limit_s=1.0, budget_s=0.7)
    statuses = [outcome.status for outcome in outcomes]
    assert statuses[:3] == [CallStatus.OK] * 3
    assert statuses[-1] in (CallStatus.OUT_OF_TIME, CallStatus.DIED)
    assert CallStatus.OK not in statuses[4:]


@pytest.fixture
def wakes(monkeypatch) -> list[int]:
    """One entry each time the trusted side hears the worker's bell."""
    heard: list[int] = []
    hear = channel.WorkerChannel._hear_bell

    def counted(self) -> None:
        heard.append(1)
        hear(self)

    monkeypatch.setattr(channel.WorkerChannel, "_hear_bell", counted)
    return heard


def test_a_batch_of_calls_wakes_the_trusted_side_seldom_not_per_call(sandbox, wakes):
    calls = [[number] for number in range(500)]
    with sandbox.open_python(SESSION) as session:
        session.load(PROGRAM)
        stream = session.stream_calls("echo", CallBatch(calls, limits_s=[1.0] * len(calls)))
        values = [stream.next().value for _ in calls]
    assert values == list(range(500))
    assert len(wakes) <= len(calls) / 20  # once per request, and per RING_EVERY_S of its calls


def test_a_long_request_rings_while_it_runs_so_a_wrong_answer_is_seen_early(sandbox, wakes):
    # 200 calls of 5 ms in one request (a second in all): its replies are read as they come,
    # every RING_EVERY_S or so, not only once the request ends.
    calls = [[0.005, "none"]] * 200
    with sandbox.open_python(SESSION) as session:
        session.load(PROGRAM)
        stream = session.stream_calls("spin", CallBatch(calls, limits_s=[1.0] * len(calls)))
        assert all(stream.next().status is CallStatus.OK for _ in calls)
    assert len(wakes) >= 10
