"""A pool of trusted worker processes judging programs concurrently.

Each worker is a plain `python -m execbench.engine.worker` process (it imports only the judge
and the sandbox, not the harness) fed over a pair of pipes. The running event loop writes jobs
and reads verdicts itself, without threads or queues in between, and keeps up to `_QUEUED` jobs
at each worker so that none waits for its next one. Once no job is left to give out, a worker
that runs dry takes a job still queued at another (stuck behind a looping sample, say), which
that one is told to drop (`CANCEL`). When a worker dies, the job it was running
is retried on a fresh worker, up to MAX_POOL_BREAKS times, then reported as a sandbox error; the
jobs queued behind it are simply given to another worker.

A watchdog here, outside the judge, ends any job that overruns: each job may spend `stall_s` in
trusted work, plus the wall limit of each sandboxed run or session it announces as it starts one
(engine/heartbeat.py). A worker whose job has gone past that is killed and replaced, and the job is
reported as a sandbox error at once (judging it again would only stall again): data from the
sandbox can make trusted code spend minutes in a C call that no alarm in the worker interrupts.

With no more workers than usable CPUs, each worker (and so its fork server and every sample it
forks, which inherit the mask) is kept to a CPU of its own. A worker's chain of processes hands
control back and forth dozens of times per sample; left free, the scheduler often wakes the next
process of one chain on the CPU where the other chain is running, while the other CPU idles
(measured: 15-20% of a 2-core run idle; pinned, 6-8%, and the run 10-15% shorter). Verdicts do
not depend on it: limits are on CPU time.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import subprocess
import sys
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from execbench.core import Limits, Program, Status, Task, Verdict
from execbench.core.collector import collector_paused
from execbench.engine.executor import JobLimits, JudgeByLimited, TaskRef
from execbench.engine.extensions import for_workers
from execbench.engine.heartbeat import BEAT
from execbench.engine.warm_imports import heavy_imports
from execbench.engine.worker import CANCEL, encode_message, split_messages
from execbench.sandbox import require_sandbox
from execbench.sandbox.fork_server import SINGLE_THREADED
from execbench.sandbox.runtime import PythonRuntime

# A sample whose judging broke a worker this many times is reported, not retried forever.
MAX_POOL_BREAKS = 2
_QUEUED = 2  # jobs given to a worker at once: one running, one waiting in its pipe
_STOP_TIMEOUT_S = 10.0
FIXED_HASHING = {"PYTHONHASHSEED": "0"}
# Trusted work a job may do between sandbox operations before the watchdog stops it.
STALL_S = 60.0


@dataclass
class _Job:
    id: int
    task: TaskRef
    program: Program
    limits: JobLimits
    done: asyncio.Future[tuple[Verdict, Limits]]
    breaks: int = 0
    given: Limits | None = None  # what it was last given to a worker under


@dataclass
class _Worker:
    process: subprocess.Popen
    requests: int  # our end of its request pipe, non-blocking
    replies: int  # our end of its reply pipe
    unsent: bytearray = field(default_factory=bytearray)
    received: bytearray = field(default_factory=bytearray)
    jobs: dict[int, _Job] = field(default_factory=dict)
    running: int | None = None  # the job it is judging (it takes them in order)
    deadline: float = 0.0  # when the watchdog stops it, unless a beat moves it on


class JudgePool(JudgeByLimited):
    def __init__(
        self,
        tasks: Mapping[str, Task],
        sandbox: str,
        workers: int,
        stall_s: float = STALL_S,
        runtime: PythonRuntime | None = None,
    ) -> None:
        """`runtime`: the benchmark's environment, which the workers' sandboxes run Python with."""
        require_sandbox(sandbox)  # a worker could only fail on it, and be restarted, each time
        extensions = for_workers(tasks.values(), sandbox)  # refused here, before any worker
        self._waiting: deque[_Job] = deque()
        self._next_id = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stall_s = stall_s
        self._watchdog: asyncio.TimerHandle | None = None
        cpus = sorted(os.sched_getaffinity(0))
        self._cpus: Sequence[int | None] = (
            cpus[:workers] if workers <= len(cpus) else [None] * workers
        )
        # Started first: their imports overlap reading the references and whatever the caller
        # does before the first job.
        self._workers = [self._start(cpu) for cpu in self._cpus]
        # Read from the references once here, not in every worker.
        warm = heavy_imports(tasks.values())
        with collector_paused():
            setup = (dict(tasks), sandbox, warm, extensions, stall_s, runtime)
            self._setup = encode_message(setup)
        for worker in self._workers:
            self._send(worker, self._setup)

    async def judge_limited(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> tuple[Verdict, Limits]:
        """`judge`, with the limits the verdict was reached under."""
        self._attach(asyncio.get_running_loop())
        assert self._loop is not None
        self._next_id += 1
        job = _Job(self._next_id, task, program, limits, self._loop.create_future())
        if first:
            self._waiting.appendleft(job)
        else:
            self._waiting.append(job)
        self._dispatch()
        return await job.done

    def close(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        for worker in self._workers:
            self._detach(worker)
            with contextlib.suppress(OSError):
                os.close(worker.requests)  # end of input: the worker stops its sandbox and exits
        for worker in self._workers:
            try:
                worker.process.wait(_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
            with contextlib.suppress(OSError):
                os.close(worker.replies)
        self._workers = []
        self._loop = None

    # -- workers ---------------------------------------------------------------------------

    def _start(self, cpu: int | None) -> _Worker:
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        process = subprocess.Popen(
            [sys.executable, "-m", "execbench.engine.worker", str(request_read), str(reply_write)],
            pass_fds=(request_read, reply_write),
            # A setting of the user's own wins, but the hash seed: trusted test code and verdict
            # details iterate sets of strings, in the same order in every run.
            env={**SINGLE_THREADED, **os.environ, **FIXED_HASHING},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # trusted test code may print; only stderr matters
            start_new_session=True,  # Ctrl-C reaches the harness, which stops the workers
        )
        os.close(request_read)
        os.close(reply_write)
        if cpu is not None:
            # Set before its setup is sent, so before it starts its sandbox: all inherit it.
            with contextlib.suppress(OSError):
                os.sched_setaffinity(process.pid, {cpu})
        os.set_blocking(request_write, False)
        worker = _Worker(process, request_write, reply_read)
        if self._loop is not None:
            self._watch(worker)
        return worker

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Watch the workers' pipes from `loop` (each `asyncio.run` brings a new one)."""
        if self._loop is loop:
            return
        for worker in self._workers:
            self._detach(worker)
        self._loop = loop
        for worker in self._workers:
            self._watch(worker)
        self._watchdog = None  # the last loop's timer went with it
        self._arm_watchdog()

    def _watch(self, worker: _Worker) -> None:
        assert self._loop is not None
        self._loop.add_reader(worker.replies, self._on_replies, worker)
        if worker.unsent:
            self._loop.add_writer(worker.requests, self._flush, worker)

    def _detach(self, worker: _Worker) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(worker.replies)
            self._loop.remove_writer(worker.requests)

    def _dispatch(self) -> None:
        while self._waiting:
            worker = min(self._workers, key=lambda each: len(each.jobs))
            if len(worker.jobs) >= _QUEUED:
                return
            job = self._waiting.popleft()
            if job.done.done():  # cancelled while it waited
                continue
            self._give(worker, job)
        self._rebalance()

    def _rebalance(self) -> None:
        for idle in self._workers:
            busiest = max(self._workers, key=lambda each: len(each.jobs))
            if idle.jobs or len(busiest.jobs) < 2:
                continue
            # A worker takes its jobs in order: the newest is still waiting behind another.
            job = busiest.jobs.pop(max(busiest.jobs))
            self._send(busiest, encode_message((CANCEL, job.id)))
            self._give(idle, job)

    def _give(self, worker: _Worker, job: _Job) -> None:
        worker.jobs[job.id] = job
        job.given = job.limits() if callable(job.limits) else job.limits
        self._send(worker, encode_message((job.id, job.task, job.program, job.given)))
        self._note_running(worker)

    def _note_running(self, worker: _Worker) -> None:
        """Note the job `worker` judges next: the watchdog's clock starts with its first beat,
        which says that the worker has started it (a fresh worker is still starting up)."""
        running = min(worker.jobs, default=None)
        if running != worker.running:
            worker.running = running
            worker.deadline = math.inf

    def _arm_watchdog(self) -> None:
        if self._watchdog is None and self._loop is not None and not self._loop.is_closed():
            self._watchdog = self._loop.call_later(min(1.0, self._stall_s / 4), self._check_stalls)

    def _check_stalls(self) -> None:
        self._watchdog = None
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.running is not None and now > worker.deadline:
                with contextlib.suppress(OSError):
                    worker.process.kill()
                self._replace(worker, stalled=True)
        self._arm_watchdog()

    def _send(self, worker: _Worker, message: bytes) -> None:
        was_pending = bool(worker.unsent)
        worker.unsent += message
        if not was_pending:
            self._flush(worker)

    def _flush(self, worker: _Worker) -> None:
        try:
            written = os.write(worker.requests, worker.unsent)
        except BlockingIOError:
            written = 0
        except OSError:  # the worker is gone: its replies pipe says so
            written = len(worker.unsent)
        del worker.unsent[:written]
        if self._loop is not None and not self._loop.is_closed():
            if worker.unsent:
                self._loop.add_writer(worker.requests, self._flush, worker)
            else:
                self._loop.remove_writer(worker.requests)

    def _on_replies(self, worker: _Worker) -> None:
        try:
            chunk = os.read(worker.replies, 1 << 20)
        except OSError:
            chunk = b""
        if not chunk:
            self._replace(worker)
            return
        worker.received += chunk
        for message in split_messages(worker.received):
            if message[0] == BEAT:  # the running job starts a sandbox operation
                _, job_id, seconds = message
                if job_id == worker.running:
                    granted = time.monotonic() + seconds
                    started = worker.deadline == math.inf
                    worker.deadline = granted if started else max(worker.deadline, granted)
                continue
            job_id, verdict = message
            # None: a job taken back that this worker had started all the same.
            job = worker.jobs.pop(job_id, None)
            if job is not None and not job.done.done():
                assert job.given is not None
                job.done.set_result((verdict, job.given))
        self._note_running(worker)
        self._dispatch()

    def _replace(self, dead: _Worker, stalled: bool = False) -> None:
        """A worker died (or the watchdog killed it, `stalled`): start another, retry or report
        each of its jobs."""
        self._detach(dead)
        for fd in (dead.requests, dead.replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            dead.process.kill()
        dead.process.wait()
        slot = self._workers.index(dead)
        self._workers[slot] = self._start(self._cpus[slot])
        self._send(self._workers[slot], self._setup)
        running = min(dead.jobs, default=None)  # a worker takes its jobs in order
        for job in sorted(dead.jobs.values(), key=lambda each: -each.id):
            job.breaks += job.id == running
            if job.done.done():
                continue
            if job.id == running and stalled:
                assert job.given is not None
                detail = (
                    f"the judge overran by more than {self._stall_s:g} s: stopped by the watchdog"
                )
                job.done.set_result((Verdict(Status.SANDBOX_ERROR, detail), job.given))
            elif job.breaks >= MAX_POOL_BREAKS:
                assert job.given is not None
                broken = Verdict(
                    Status.SANDBOX_ERROR, "a trusted worker process died while judging"
                )
                job.done.set_result((broken, job.given))
            else:
                self._waiting.appendleft(job)
        self._dispatch()
