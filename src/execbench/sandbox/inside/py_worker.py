"""The untrusted side of a Python sandbox session. Standard library only.

Started as `python -s INSIDE py_worker REQUEST_FD REPLY_FD LIMITS_JSON` (see `command` in
__init__.py) with stdout and stderr sent to /dev/null, or forked from the fork server (sample.py),
it applies its own resource limits, then answers requests framed as frames.py frames them on
REQUEST_FD:

    ["load", source]            execute the candidate program in a fresh namespace
    ["call", name, args, kwargs]  call one of its functions
    ["calls", name, [args...], kwargs, [limit_s...], budget_s]  call it once per argument list,
                                in order, each within its limit and all within the budget

Every reply is ["ok", value], ["raised", type_name, message] or ["bad_value", type_name]. A
"calls" request gets one reply per call, and ends after the first reply that is not "ok";
call_batch.py says how each call is held to its limit, and how replies are written on REPLY_FD
and announced back on REQUEST_FD. Values cross as plain data only (plain.py). Replies go over a
private descriptor, so printing cannot forge them; the trusted side decides.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys

from .call_batch import ReplyWriter, run_batch
from .frames import MAX_SESSION_FRAME, read_frame, take_frame, write_frame
from .plain import NotPlainData, decode_plain, encode_plain


def apply_limits(limits: dict) -> None:
    import resource

    cpu = max(1, int(limits["cpu_s"] + 0.999))
    memory = limits["memory_mb"] * 1024 * 1024
    fsize = limits["file_size_mb"] * 1024 * 1024
    for which, soft, hard in (
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, memory, memory),
        (resource.RLIMIT_FSIZE, fsize, fsize),
        (resource.RLIMIT_NOFILE, limits["open_files"], limits["open_files"]),
        (resource.RLIMIT_NPROC, limits["max_processes"], limits["max_processes"]),
        (resource.RLIMIT_CORE, 0, 0),
    ):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (soft, hard))


def _exit_with_parent() -> None:
    # Linux: die with the trusted process rather than outlive it as an orphan.
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(request_fd: int, reply_fd: int) -> None:
    dumps = json.dumps
    loads = json.loads
    namespace: dict = {"__name__": "__candidate__", "__builtins__": __builtins__}
    writer = ReplyWriter(reply_fd, request_fd, dumps)
    _encode = encode_plain
    _str = str
    _type = type
    _base = BaseException

    def raised(exc) -> list:
        try:
            message = _str(exc)[:2000]
        except _base:
            message = "<unprintable exception>"
        return ["raised", _type(exc).__name__, message]

    def call(name, args, kwargs) -> list:
        target = namespace.get(name)
        if target is None:
            return ["raised", "NameError", f"name {name!r} is not defined"]
        try:
            return ["ok", _encode(target(*decode_plain(args), **decode_plain(kwargs)))]
        except NotPlainData as exc:
            return ["bad_value", exc.type_name]
        except _base as exc:
            return raised(exc)

    while True:
        frame = read_frame(request_fd, MAX_SESSION_FRAME)
        if frame is None:
            return
        request = loads(frame)
        verb = request[0]
        if verb == "calls":
            _, name, all_args, kwargs, limits, budget = request
            each = functools.partial(call, name, kwargs=kwargs)
            run_batch(writer, each, all_args, limits, budget)
            continue
        if verb == "load":
            try:
                exec(compile(request[1], "<candidate>", "exec"), namespace)
                outcome = ["ok", None]
            except _base as exc:
                outcome = raised(exc)
        elif verb == "call":
            outcome = call(request[1], request[2], request[3])
        else:
            outcome = ["raised", "ProtocolError", f"unknown request {verb!r}"]
        writer.add(outcome)
        writer.ring()


def run_candidate(request_fd: int, reply_fd: int) -> None:
    """Serve requests in this (already limited, isolated) process until the trusted side stops."""
    sys.set_int_max_str_digits(0)
    sys.argv = ["solution.py"]
    serve(request_fd, reply_fd)


# What a sample does, run once in the fork server: a process's first compile, JSON round trip
# and so on set up state (about 1.5 ms for the first compile alone) that every forked sample
# would otherwise build again from scratch.
_WARM_UP_PROGRAM = """
import math
from collections import Counter


class Shape:
    def __init__(self, sides: int) -> None:
        self.sides = sides


def candidate(numbers: list[float], text: str = "") -> tuple:
    seen = {n: i for i, n in enumerate(numbers) if n > 0}
    try:
        total = sum(x * x for x in numbers) / max(len(numbers), 1)
    except (ZeroDivisionError, ValueError) as exc:
        raise RuntimeError(f"bad {exc!r}") from exc
    words = sorted(set(text.split()), key=lambda word: (-len(word), word))
    return (math.sqrt(total), words, seen, Counter(text), Shape(3).sides, [numbers] * 2)
"""


def warm_up() -> None:
    """Serve one representative session in this process, through the kinds of sockets a session
    has (its replies fit in their buffers, so no reader needs to run alongside)."""
    import socket

    requests, requests_theirs = socket.socketpair()
    replies, replies_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    arguments = encode_plain([[0.5 * i for i in range(40)], "warm the pipes"])
    for request in (
        ["load", _WARM_UP_PROGRAM],
        ["call", "candidate", arguments, {"text": "a b c"}],
        ["calls", "candidate", [arguments] * 3, {}, [None, 1.0, 2.0], 5.0],
        ["call", "missing", [], {}],
    ):
        write_frame(requests.fileno(), json.dumps(request).encode())
    requests.shutdown(socket.SHUT_WR)
    serve(requests_theirs.fileno(), replies_theirs.fileno())
    for end in (requests_theirs, replies_theirs):
        end.close()
    buffer = bytearray()
    while chunk := replies.recv(1 << 17):
        buffer += chunk
        while (frame := take_frame(buffer)) is not None:
            decode_plain(json.loads(frame)[1])
    requests.close()
    replies.close()


def seed_random() -> None:
    """Fix the draws of the generators a program may use without seeding them, so that the same
    sample gets the same verdict every run. A fork server does this once: its samples inherit
    the state (it forks with a raw clone, so Python's after-fork reseeding never runs)."""
    import random

    random.seed(0)
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed(0)
    else:
        sys.meta_path.insert(0, _SeedNumpyOnImport())


class _SeedNumpyOnImport:
    """Seeds numpy's global generator when a program imports numpy itself (importing it in
    advance would make every sample's process larger and slower to fork and to end)."""

    def find_spec(self, name, path=None, target=None):
        if name != "numpy.random":
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = None if finder is self or find is None else find(name, path, target)
            if spec is not None and spec.loader is not None:
                run_module = spec.loader.exec_module

                def exec_module(module, run_module=run_module):
                    run_module(module)
                    module.seed(0)

                spec.loader.exec_module = exec_module  # this spec's own loader instance
                return spec
        return None


def main() -> None:
    request_fd, reply_fd = int(sys.argv[1]), int(sys.argv[2])
    _exit_with_parent()
    apply_limits(json.loads(sys.argv[3]))
    seed_random()
    run_candidate(request_fd, reply_fd)
