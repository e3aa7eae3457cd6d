"""A trusted worker process: the judge, with a sandbox of its own. Run as

    python -m execbench.engine.worker REQUEST_FD REPLY_FD

Workers are separate processes so that trusted test code (which may touch module-level state
such as `random`) never shares an interpreter with another sample's tests or with the harness.
Over REQUEST_FD come messages (see `encode_message`): first the setup (tasks, sandbox, modules to
warm, the watchdog's `stall_s`), then (job, task, program, limits) per program, `task` an id among
the setup's tasks or a Task of the job's own; each is answered on REPLY_FD with (job, verdict),
after the beats its sandbox operations sent (engine/heartbeat.py).
A (CANCEL, job) message takes back a job not yet started (the pool gave it to an idle worker).
The worker imports only the judge and the sandbox (and what the harness registered: see
engine/extensions.py), and exits when the request pipe closes.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import sys
from collections import deque
from collections.abc import Mapping
from typing import Any

from execbench.core import Limits, Program, Status, Task, Verdict
from execbench.core.collector import collector_paused
from execbench.engine.extensions import WorkerExtensions, adopt
from execbench.engine.heartbeat import Heartbeat, WatchedSandbox
from execbench.judge import judge
from execbench.sandbox import Sandbox, make_sandbox
from execbench.sandbox.inside.frames import frame, take_frame
from execbench.sandbox.runtime import PythonRuntime
from execbench.sandbox.shown import exception_message

CANCEL = "cancel"

_tasks: Mapping[str, Task] = {}
_sandbox: Sandbox | None = None


def encode_message(value: Any) -> bytes:
    """One pickled message, framed. Pickle is safe here: both ends are trusted processes."""
    return frame(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def split_messages(buffer: bytearray) -> list[Any]:
    """Take every complete message off the front of `buffer`."""
    messages = []
    while (payload := take_frame(buffer)) is not None:
        messages.append(pickle.loads(payload))
    return messages


class _Requests:
    """The messages on the request pipe, in order, less the jobs taken back before they start."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = bytearray()
        self._queued: deque[Any] = deque()
        self._closed = False

    def next(self) -> Any | None:
        """The next message, or None once the pipe is closed and every message taken."""
        self._read(wait=False)  # a cancellation may have come in while the last job ran
        while not self._queued and not self._closed:
            self._read(wait=True)
        return self._queued.popleft() if self._queued else None

    def _read(self, wait: bool) -> None:
        while wait or select.select([self._fd], [], [], 0)[0]:
            chunk = os.read(self._fd, 1 << 20)
            if not chunk:
                self._closed = True
                return
            self._buffer += chunk
            for message in split_messages(self._buffer):
                if message[0] == CANCEL:
                    self._queued = deque(job for job in self._queued if job[0] != message[1])
                else:
                    self._queued.append(message)
            wait = False


def initialize(
    tasks: Mapping[str, Task],
    sandbox_name: str,
    warm: tuple[str, ...],
    extensions: WorkerExtensions,
    heartbeat: Heartbeat,
    runtime: PythonRuntime | None = None,
) -> None:
    """`warm`: modules the sandbox imports in advance (see `warm_imports.heavy_imports`);
    `extensions`: what the harness registered that this process cannot discover; `heartbeat`:
    what the pool's watchdog is told of each sandbox operation; `runtime`: the benchmark's
    environment, which Python programs run with."""
    global _tasks, _sandbox
    adopt(extensions)
    _tasks = tasks
    sandbox = make_sandbox(sandbox_name, runtime, announce=False)  # the pool warned of its caveat
    sandbox.warm(warm)
    _sandbox = WatchedSandbox(sandbox, heartbeat)


def judge_program(task: str | Task, program: Program, limits: Limits) -> Verdict:
    assert _sandbox is not None, "worker not initialized"
    try:
        return judge(_tasks[task] if isinstance(task, str) else task, program, _sandbox, limits)
    except Exception as exc:  # a harness bug must show as such, never as the model's failure
        detail = f"{type(exc).__name__}: {exception_message(exc)}"
        return Verdict(Status.SANDBOX_ERROR, detail, type(exc).__name__)


def main() -> None:
    request_fd, reply_fd = int(sys.argv[1]), int(sys.argv[2])
    requests = _Requests(request_fd)
    with os.fdopen(reply_fd, "wb") as replies:

        def send(message: tuple) -> None:
            replies.write(encode_message(message))
            replies.flush()

        with collector_paused():
            setup = requests.next()
        if setup is None:
            return
        tasks, sandbox_name, warm, extensions, stall_s, runtime = setup
        heartbeat = Heartbeat(stall_s, send)
        initialize(tasks, sandbox_name, warm, extensions, heartbeat, runtime)
        # The tasks and what was set up for them live as long as this process: no collection
        # need walk them again.
        gc.freeze()
        try:
            while (request := requests.next()) is not None:
                job, task, program, limits = request
                heartbeat.start(job)
                send((job, judge_program(task, program, limits)))
        finally:
            if _sandbox is not None:
                _sandbox.close()
    # Every verdict is sent and the sandbox stopped: leave without the interpreter's teardown,
    # which frees every task and expected result one object at a time (a second or more for
    # HumanEval+, spent while the run waits for its workers to end).
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
