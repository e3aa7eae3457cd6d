"""The Sandbox contract, checked against every registered backend alike."""

from __future__ import annotations

import hashlib
import os
import random
import warnings
from collections.abc import Iterator

import pytest

from execbench.core import LimitHit, Limits
from execbench.sandbox import (
    CallBatch,
    CallStatus,
    Sandbox,
    base,
    batched_calls,
    channel,
    make_sandbox,
    sandbox_names,
)

LIMITS = Limits(cpu_s=1.0, wall_s=3.0, memory_mb=512, output_bytes=4096)
# For a sleeping program: any wall limit shows the same thing, a short one costs less.
SHORT_WALL = Limits(cpu_s=1.0, wall_s=0.5, memory_mb=512, output_bytes=4096)

PROGRAM = """
import os, sys, time

def echo(value):
    return value

def fail(message):
    raise ValueError(message)

def opaque():
    return object()

def leave(code):
    os._exit(code)

def spin():
    while True:
        pass

def sleep():
    time.sleep(3600)

def environment():
    return dict(os.environ)

def read_stdin():
    return sys.stdin.read()

def nap(seconds):
    time.sleep(seconds)
    return seconds

def mixed(kind, value, suffix=""):
    if kind == "raise":
        raise ValueError(value + suffix)
    if kind == "opaque":
        return object()
    if kind == "exit":
        os._exit(value)
    return value
"""


@pytest.fixture(scope="module", params=sandbox_names())
def backend(request) -> Iterator[Sandbox]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        box = make_sandbox(request.param)
    yield box
    close = getattr(box, "close", None)
    if close is not None:
        close()


def test_plain_values_round_trip_exactly(backend):
    value = (1, 2.5, "s", None, True, [1, {2, 3}], {"k": (b"\x00", 1j)}, frozenset({4}), 10**50)
    with backend.open_python(LIMITS) as session:
        assert session.load(PROGRAM).status is CallStatus.OK
        outcome = session.call("echo", [value], {})
    assert outcome.status is CallStatus.OK
    assert outcome.value == value
    assert type(outcome.value[5][1]) is set


def test_exceptions_and_opaque_values(backend):
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        raised = session.call("fail", ["boom"], {})
        opaque = session.call("opaque", [], {})
        missing = session.call("no_such_function", [], {})
    assert (raised.status, raised.error_type, raised.message) == (
        CallStatus.RAISED,
        "ValueError",
        "boom",
    )
    assert (opaque.status, opaque.error_type) == (CallStatus.BAD_VALUE, "builtins.object")
    assert (missing.status, missing.error_type) == (CallStatus.RAISED, "NameError")


def test_an_exiting_program_is_reported_dead_with_its_code(backend):
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        outcome = session.call("leave", [3], {})
        assert outcome.status is CallStatus.DIED
        assert outcome.execution.exit_code == 3
        assert session.call("echo", [1], {}).status is CallStatus.DIED
        assert session.close() is outcome.execution


@pytest.mark.parametrize(
    ("function", "limits", "hit"),
    [
        # A wall cap far above the CPU limit, so a loaded machine still shows a CPU overrun.
        ("spin", Limits(cpu_s=1.0, wall_s=60.0), LimitHit.CPU),
        ("sleep", SHORT_WALL, LimitHit.WALL),
    ],
)
def test_limits_stop_a_session(backend, function, limits, hit):
    with backend.open_python(limits) as session:
        session.load(PROGRAM)
        outcome = session.call(function, [], {})
    assert outcome.status is CallStatus.DIED
    assert outcome.execution.limit_hit is hit


def test_a_fractional_cpu_budget_stops_a_spinning_program_soon_after_it(backend):
    # RLIMIT_CPU alone counts whole seconds: these would run for at least one.
    limits = Limits(cpu_s=0.3, wall_s=60.0)
    with backend.open_python(limits) as session:
        session.load(PROGRAM)
        in_session = session.call("spin", [], {}).execution
    in_run = backend.run(["sh", "-c", "while :; do :; done"], limits)
    for execution in (in_session, in_run):
        assert execution.limit_hit is LimitHit.CPU
        assert 0.3 <= execution.cpu_s < 0.9


def test_the_environment_is_scrubbed_and_stdin_is_empty(backend, monkeypatch):
    monkeypatch.setenv("EXECBENCH_TEST_API_KEY", "sk-secret")
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        environment = session.call("environment", [], {}).value
        stdin = session.call("read_stdin", [], {}).value
    assert "sk-secret" not in repr(environment)
    assert set(environment) <= {
        "PATH",
        "HOME",
        "TMPDIR",
        "LANG",
        "LC_ALL",
        "PYTHONHASHSEED",
        "PYTHONDONTWRITEBYTECODE",
        "PWD",
    }
    assert environment["PYTHONHASHSEED"] == "0"
    assert stdin == ""


def test_run_feeds_stdin_and_captures_both_outputs(backend):
    execution = backend.run(
        ["sh", "-c", "cat data.txt; tr a-z A-Z; echo oops >&2; exit 4"],
        LIMITS,
        files={"data.txt": b"from a file\n"},
        stdin=b"shout\n",
    )
    assert execution.sandbox_error is None
    assert (execution.stdout, execution.stderr, execution.exit_code) == (
        "from a file\nSHOUT\n",
        "oops\n",
        4,
    )


# A CPU loop under `run` is test_a_fractional_cpu_budget_stops_a_spinning_program_soon_after_it.
@pytest.mark.parametrize(
    ("command", "limits", "hit"),
    [("yes", LIMITS, LimitHit.OUTPUT), ("sleep 3600", SHORT_WALL, LimitHit.WALL)],
)
def test_run_limits(backend, command, limits, hit):
    execution = backend.run(["sh", "-c", command], limits)
    assert execution.limit_hit is hit
    assert len(execution.stdout) <= limits.output_bytes


def test_each_run_starts_in_a_directory_of_its_own(backend):
    first = backend.run(["sh", "-c", "echo left > left.txt; ls -A"], LIMITS, {"given.txt": b""})
    second = backend.run(["sh", "-c", "ls -A"], LIMITS)
    assert (first.stdout, second.stdout) == ("given.txt\nleft.txt\n", "")


def test_files_arrive_byte_for_byte_in_their_directories(backend):
    # A build archive is megabytes of arbitrary bytes; an empty file and a nested one too.
    files = {
        "build.tar": random.Random(0).randbytes(3 * 1024 * 1024 + 7),
        "pkg/sub/empty.go": b"",
        "noté.txt": "accents ü\n".encode(),
    }
    execution = backend.run(["sha256sum", *files], LIMITS, files=files)
    assert execution.exit_code == 0, execution
    sums = [line.split("  ", 1) for line in execution.stdout.splitlines()]
    assert sums == [[hashlib.sha256(content).hexdigest(), name] for name, content in files.items()]


def test_run_reports_a_missing_command_as_a_sandbox_error(backend):
    execution = backend.run(["/no/such/program"], LIMITS)
    assert execution.sandbox_error
    assert execution.exit_code is None


def test_files_cannot_escape_the_working_directory(backend, tmp_path):
    target = tmp_path / "escaped"
    relative = os.path.relpath(target, "/tmp")
    execution = backend.run(["true"], LIMITS, files={f"../{relative}": b"x"})
    assert not target.exists()
    assert execution.sandbox_error or execution.exit_code == 0


def test_a_call_timeout_ends_the_session_as_a_wall_overrun(backend):
    with backend.open_python(Limits(cpu_s=5.0, wall_s=60.0)) as session:
        session.load(PROGRAM)
        assert session.call("echo", [1], {}, timeout_s=30.0).value == 1
        outcome = session.call("sleep", [], {}, timeout_s=0.5)
    assert outcome.status is CallStatus.DIED
    assert outcome.execution.limit_hit is LimitHit.WALL


MIXED = [
    ["echo", 1],
    ["echo", (2, [3])],
    ["raise", "boom"],
    ["echo", {"k": None}],
    ["opaque", 0],
    ["echo", 10**50],
]


def test_streamed_outcomes_equal_one_by_one_outcomes(backend):
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        one_by_one = [session.call("mixed", args, {"suffix": "!"}) for args in MIXED]
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        stream = session.stream_calls("mixed", MIXED, {"suffix": "!"})
        streamed = [stream.next() for _ in MIXED]
        with pytest.raises(RuntimeError):
            stream.next()
    assert streamed == one_by_one
    assert [outcome.status for outcome in streamed] == [CallStatus.OK] * 2 + [
        CallStatus.RAISED,
        CallStatus.OK,
        CallStatus.BAD_VALUE,
        CallStatus.OK,
    ]


def test_a_batch_streams_alike_to_many_sessions_and_is_encoded_once(backend, monkeypatch):
    encoded = []

    def encode_plain(value):
        encoded.append(value)
        return channel.encode_plain(value)

    monkeypatch.setattr(base, "encode_plain", encode_plain)
    batch = CallBatch(MIXED)
    runs = []
    for _ in range(3):
        with backend.open_python(LIMITS) as session:
            session.load(PROGRAM)
            stream = session.stream_calls("mixed", batch, {"suffix": "!"})
            runs.append([stream.next() for _ in MIXED])
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        one_by_one = [session.call("mixed", args, {"suffix": "!"}) for args in MIXED]
    assert runs == [one_by_one] * 3
    assert encoded == [list(args) for args in MIXED]


def test_the_worker_stops_at_a_failure_and_goes_on_only_when_read_on(backend):
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        stream = session.stream_calls("mixed", [["raise", "first"], ["echo", "second"]])
        assert stream.next().message == "first"
        # Had the worker gone on to the second call, its reply would answer this call instead.
        assert session.call("mixed", ["echo", "between"], {}).value == "between"
        assert stream.next().value == "second"


def test_each_streamed_call_is_timed_from_the_previous_outcome(backend):
    session_limits = Limits(cpu_s=5.0, wall_s=60.0)
    with backend.open_python(session_limits) as session:
        session.load(PROGRAM)
        naps = CallBatch([[0.3]] * 4 + [[3600], [0]], limits_s=[1.0] * 6)
        stream = session.stream_calls("nap", naps)
        # Four naps take longer than one call's limit in all, but each is within it.
        naps = [stream.next() for _ in range(4)]
        stuck = stream.next()
        after = stream.next()
    assert [nap.value for nap in naps] == [0.3] * 4
    assert stuck.status is CallStatus.DIED
    assert stuck.execution.limit_hit is LimitHit.WALL
    # The stuck call had its whole second after the last nap, and its own limit ended the
    # session, far before the session's wall limit could.
    assert 4 * 0.3 + 1.0 <= stuck.execution.wall_s < session_limits.wall_s / 2
    assert after.status is CallStatus.DIED and after.execution is stuck.execution


def test_a_worker_exiting_mid_stream_is_reported_dead_with_its_code(backend):
    with backend.open_python(LIMITS) as session:
        session.load(PROGRAM)
        stream = session.stream_calls("mixed", [["echo", 1], ["exit", 3], ["echo", 2]])
        outcomes = [stream.next() for _ in range(3)]
    assert outcomes[0].value == 1
    assert [outcome.status for outcome in outcomes[1:]] == [CallStatus.DIED] * 2
    assert outcomes[1].execution.exit_code == 3
    assert outcomes[2].execution is outcomes[1].execution


@pytest.mark.parametrize("request_bytes", [batched_calls.REQUEST_BYTES, 1 << 26])
def test_megabytes_of_arguments_stream_without_a_deadlock(backend, monkeypatch, request_bytes):
    # Each argument and each reply is far bigger than a pipe's buffer, whether the calls go in a
    # request each or all in one: a side writing before the other has read would hang.
    monkeypatch.setattr(batched_calls, "REQUEST_BYTES", request_bytes)
    calls = [["echo", str(number) * (2 << 20)] for number in range(4)]
    with backend.open_python(Limits(cpu_s=10.0, wall_s=60.0, memory_mb=1024)) as session:
        session.load(PROGRAM)
        stream = session.stream_calls("mixed", calls)
        outcomes = [stream.next() for _ in calls]
    assert [outcome.status for outcome in outcomes] == [CallStatus.OK] * len(calls)
    assert [outcome.value for outcome in outcomes] == [text for _, text in calls]
