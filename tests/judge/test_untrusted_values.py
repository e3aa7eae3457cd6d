"""What comes back from the sandbox is decoded and shown at a bounded cost: a reply built to stall
the judge (a flood of equal hashes, a JSON object of untrusted keys) is refused, and a value whose
repr would take seconds (a million-digit integer) is shown by its size."""

from __future__ import annotations

import json

import pytest

from execbench.core import (
    AssertTests,
    CallCase,
    CallTests,
    Limits,
    PredictionTests,
    Program,
    Status,
    Task,
)
from execbench.judge import judge
from execbench.sandbox.channel import _load, _parse_reply
from execbench.sandbox.inside.plain import MAX_SAME_HASH, UnsafeData, decode_plain, encode_plain
from execbench.sandbox.shown import exception_message, shown

LIMITS = Limits(cpu_s=5.0, wall_s=20.0)
MODULUS = (1 << 61) - 1  # integers that differ by a multiple of it hash alike
HUGE = "1 << 3_200_000"  # its decimal repr: about a million digits, tens of seconds to make

# Writes its own reply frame on the session's private reply socket (its only message socket),
# then returns: the judge reads the forged frame as the call's outcome.
FORGE = r"""
import json, os, socket

def _reply_fd():
    for fd in range(3, 64):
        try:
            found = socket.socket(fileno=fd)
        except OSError:
            continue
        kind = found.type
        found.detach()
        if kind == socket.SOCK_SEQPACKET:
            return fd

def f(n):
    payload = json.dumps(["ok", %s]).encode()
    framed = len(payload).to_bytes(8, "big") + payload
    for start in range(0, len(framed), 1 << 16):  # in messages of the worker's size
        os.write(_reply_fd(), framed[start : start + (1 << 16)])
    return n
"""


def call_task(expected: object) -> Task:
    tests = CallTests(entry_point="f", cases=(CallCase((1,), expected),))
    return Task(task_id="t/0", benchmark="test", prompt="", tests=tests, reference="")


def verdict(task: Task, source: str, sandbox):
    return judge(task, Program("python", source), sandbox, LIMITS)


def test_a_reply_flooding_one_hash_is_refused_not_built(sandbox):
    flood = f'["S", *[k * {MODULUS} for k in range(200_000)]]'
    forged = verdict(call_task({1}), FORGE % flood, sandbox)
    assert forged.status is Status.FAILED and "malformed reply" in forged.detail, forged


def test_a_reply_longer_than_any_message_of_the_worker_ends_the_session(sandbox):
    """The socket keeps message bounds: one cut short could leave the next reply misread."""
    source = FORGE.replace("1 << 16", "1 << 20") % '"x" * 500_000'
    forged = verdict(call_task(1), source, sandbox)
    assert forged.status is Status.FAILED and "malformed reply" in forged.detail, forged


def test_decoding_refuses_sets_and_dicts_of_colliding_items_and_keeps_the_rest():
    colliding = [k * MODULUS for k in range(MAX_SAME_HASH + 1)]
    for tag, items in (("S", colliding), ("F", colliding), ("D", [[k, 0] for k in colliding])):
        with pytest.raises(UnsafeData):
            decode_plain([tag, *items])
    few = colliding[:MAX_SAME_HASH]
    assert decode_plain(["S", *few]) == set(few)
    assert decode_plain(["L", *colliding]) == colliding  # a list builds no hash table
    assert decode_plain(["S", -1, -2]) == {-1, -2}  # the everyday collision


def test_a_reply_holding_a_json_object_is_malformed():
    outcome = _parse_reply(_load(json.dumps(["ok", {"key": 1}]).encode()))
    assert outcome.error_type == "malformed reply"


def test_a_huge_integer_result_is_shown_by_its_size(sandbox):
    returned = verdict(call_task(0), f"def f(n):\n    return [{HUGE}]\n", sandbox)
    assert returned.status is Status.FAILED
    assert "returned [<int of about 963297 digits>], expected 0" in returned.detail


def test_a_huge_integer_in_a_trusted_assertion_message_is_shown_by_its_size(sandbox):
    tests = AssertTests(code="result = f(1)\nassert result == 0, result\n", entry_points=("f",))
    task = Task(task_id="t/1", benchmark="test", prompt="", tests=tests, reference="")
    failed = verdict(task, f"def f(n):\n    return {HUGE}\n", sandbox)
    assert failed.status is Status.FAILED
    assert "result  (<int of about 963297 digits>)" in failed.detail, failed.detail


def test_a_huge_predicted_value_is_shown_by_its_size(sandbox):
    # An output prediction must be a literal, so the huge value comes from a predicted input.
    program = "def f(x):\n    return 1 << x\n"
    tests = PredictionTests(program=program, predicts="input", expected="0")
    task = Task(task_id="t/2", benchmark="test", prompt="", tests=tests, reference="")
    failed = verdict(task, "3_200_000", sandbox)  # f(3_200_000) is HUGE
    assert failed.status is Status.FAILED and failed.detail == (
        "expected 0, got <int of about 963297 digits>"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ({"b", "a", "c"}, "{'a', 'b', 'c'}"),  # sorted, whatever the order it was built in
        (list(range(100)), "[0, 1, 2, 3, 4, 5, 6, 7, ...]"),
        ([[[[["deep"]]]]], "[[[[...]]]]"),
        (b"ab" * 500, "b'" + ("ab" * 98)[:195] + "..."),
        ([b"ab" * 500], "[b'" + "ab" * 20 + "..." + "ab" * 20 + "']"),
    ],
)
def test_shown_values_are_bounded_and_ordered(value, text):
    assert shown(value) == text
    assert len(shown("x" * 10**7, 50)) == 50


def test_an_exception_message_is_bounded():
    assert exception_message(AssertionError(1 << 3_200_000)) == "<int of about 963297 digits>"
    assert exception_message(KeyError("k")) == "'k'"
    assert len(exception_message(AssertionError("x" * 10**6))) == 300
    assert decode_plain(json.loads(json.dumps(encode_plain({1})))) == {1}
