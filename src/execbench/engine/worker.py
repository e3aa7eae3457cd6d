"""A trusted worker process: the judge, with a sandbox of its own. Run as

    python -m execbench.engine.worker REQUEST_FD REPLY_FD

Workers are separate processes so that trusted test code (which may touch module-level state
such as `random`) never shares an interpreter with another sample's tests or with the harness.
Over REQUEST_FD come messages (see `encode_message`): first `initialize`'s arguments, then
(job, task_id, program, limits) per program; each is answered on REPLY_FD with (job, verdict).
The worker imports only the judge and the sandbox, and exits when the request pipe closes.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from collections.abc import Mapping
from typing import Any, BinaryIO

from execbench.core import Limits, Program, Status, Task, Verdict
from execbench.judge import judge
from execbench.sandbox import Sandbox, make_sandbox

_HEADER = struct.Struct(">Q")

_tasks: Mapping[str, Task] = {}
_sandbox: Sandbox | None = None


def encode_message(value: Any) -> bytes:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(payload)) + payload


def split_messages(buffer: bytearray) -> list[Any]:
    """Take every complete message off the front of `buffer`."""
    messages = []
    while len(buffer) >= _HEADER.size:
        (size,) = _HEADER.unpack_from(buffer)
        end = _HEADER.size + size
        if len(buffer) < end:
            break
        messages.append(pickle.loads(buffer[_HEADER.size : end]))
        del buffer[:end]
    return messages


def _read_message(stream: BinaryIO) -> Any | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    return pickle.loads(payload) if len(payload) == size else None


def initialize(tasks: Mapping[str, Task], sandbox_name: str, warm: tuple[str, ...]) -> None:
    """`warm`: modules the sandbox imports in advance (see `warm_imports.heavy_imports`)."""
    global _tasks, _sandbox
    sys.set_int_max_str_digits(0)  # results cross as JSON; big integers are legitimate answers
    _tasks = tasks
    _sandbox = make_sandbox(sandbox_name)
    _sandbox.warm(warm)


def judge_program(task_id: str, program: Program, limits: Limits) -> Verdict:
    assert _sandbox is not None, "worker not initialized"
    try:
        return judge(_tasks[task_id], program, _sandbox, limits)
    except Exception as exc:  # a harness bug must show as such, never as the model's failure
        return Verdict(Status.SANDBOX_ERROR, f"{type(exc).__name__}: {exc}", type(exc).__name__)


def main() -> None:
    request_fd, reply_fd = int(sys.argv[1]), int(sys.argv[2])
    with os.fdopen(request_fd, "rb") as requests, os.fdopen(reply_fd, "wb") as replies:
        setup = _read_message(requests)
        if setup is None:
            return
        initialize(*setup)
        try:
            while (request := _read_message(requests)) is not None:
                job, task_id, program, limits = request
                replies.write(encode_message((job, judge_program(task_id, program, limits))))
                replies.flush()
        finally:
            if _sandbox is not None:
                _sandbox.close()


if __name__ == "__main__":
    main()
