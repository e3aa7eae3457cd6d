"""Python sessions: a per-call wall limit, and results that are subclasses of builtin types."""

from __future__ import annotations

from execbench.core import LimitHit, Limits
from execbench.sandbox import CallStatus, make_sandbox

PROGRAM = """
import collections, time

class Liar(int):
    def __eq__(self, other):
        return True

def counts(text):
    return collections.Counter(text)

def point():
    return collections.namedtuple("Point", "x y")(1, 2)

def liar():
    return Liar(7)

def slow():
    time.sleep(30)

def power(n):
    return -(10**n)
"""


def test_a_call_past_its_own_timeout_ends_the_session_as_a_wall_limit() -> None:
    with make_sandbox().open_python(Limits(cpu_s=10, wall_s=60)) as session:
        assert session.load(PROGRAM).status is CallStatus.OK
        outcome = session.call("slow", (), {}, timeout_s=0.5)
        assert outcome.status is CallStatus.DIED
        assert outcome.execution is not None
        assert outcome.execution.limit_hit is LimitHit.WALL


def test_subclasses_of_builtins_cross_as_their_base_type_without_their_own_eq() -> None:
    with make_sandbox().open_python(Limits()) as session:
        session.load(PROGRAM)
        counts = session.call("counts", ("abca",), {})
        assert (type(counts.value), counts.value) == (dict, {"a": 2, "b": 1, "c": 1})
        point = session.call("point", (), {})
        assert (type(point.value), point.value) == (tuple, (1, 2))
        liar = session.call("liar", (), {})
        assert type(liar.value) is int
        assert liar.value != 8


def test_huge_integers_cross_whole() -> None:
    with make_sandbox().open_python(Limits()) as session:
        session.load(PROGRAM)
        outcome = session.call("power", (1_000_000,), {}, timeout_s=20)
        assert outcome.status is CallStatus.OK
        assert outcome.value == -(10**1_000_000)
