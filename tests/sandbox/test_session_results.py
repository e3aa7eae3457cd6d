"""Python sessions: results that are subclasses of builtin types, and huge integers. (A call's
own wall limit is in test_conformance.py, for every backend.)"""

from __future__ import annotations

from execbench.core import Limits
from execbench.sandbox import CallStatus

PROGRAM = """
import collections

class Liar(int):
    def __eq__(self, other):
        return True

def counts(text):
    return collections.Counter(text)

def point():
    return collections.namedtuple("Point", "x y")(1, 2)

def liar():
    return Liar(7)

def power(n):
    return -(10**n)
"""


def test_subclasses_of_builtins_cross_as_their_base_type_without_their_own_eq(sandbox) -> None:
    with sandbox.open_python(Limits()) as session:
        session.load(PROGRAM)
        counts = session.call("counts", ("abca",), {})
        assert (type(counts.value), counts.value) == (dict, {"a": 2, "b": 1, "c": 1})
        point = session.call("point", (), {})
        assert (type(point.value), point.value) == (tuple, (1, 2))
        liar = session.call("liar", (), {})
        assert type(liar.value) is int
        assert liar.value != 8


def test_huge_integers_cross_whole(sandbox) -> None:
    with sandbox.open_python(Limits()) as session:
        session.load(PROGRAM)
        outcome = session.call("power", (1_000_000,), {}, timeout_s=20)
        assert outcome.status is CallStatus.OK
        assert outcome.value == -(10**1_000_000)
