"""The `ray` executor: judging fanned out over the nodes of a Ray cluster.

Each node with CPUs gets one actor (`NodeJudge`) holding a local judge pool of its own: warm judge
workers with their sandboxes, pinned to the node's CPUs, replaced when one dies, exactly as on a
single machine (engine/pool.py). Verdicts are therefore those the local executor gives, byte for
byte; only the place changes. Generation, the run store and resuming stay in the driver: the store
is the single source of truth, and a run resumed with either executor continues the same.

The driver keeps each node's actor at most two jobs per worker ahead (one running, one waiting, as
the local pool does), the rest in its own queue, so that a lost node takes few jobs with it: they
go back to the front of the queue, for the nodes left. A run loses no verdict while one node lives.
Nodes that join the cluster after the start are not used. `pip install -e '.[ray]'`.
"""

from __future__ import annotations

import asyncio
import os
import warnings
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from execbench.core import Limits, Program, Status, Task, UserError, Verdict
from execbench.engine.executor import (
    ExecutorSettings,
    JobLimits,
    JudgeByLimited,
    TaskRef,
    register_executor,
)
from execbench.engine.pool import JudgePool
from execbench.sandbox.runtime import PythonRuntime

_QUEUED_PER_WORKER = 2
_START_TIMEOUT_S = 300.0
_STOP_TIMEOUT_S = 30.0


def require_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise UserError(
            "--executor ray needs Ray, which is not installed: pip install -e '.[ray]'"
        ) from exc
    return ray


class NodeJudge:
    """A Ray actor: one node's judge pool (made a remote class by `RayPool`)."""

    def __init__(
        self,
        tasks: Mapping[str, Task],
        sandbox: str,
        workers: int,
        runtime: PythonRuntime | None = None,
    ) -> None:
        if runtime is not None and not os.access(runtime.python, os.X_OK):
            # Every node needs the benchmark's environment, built where the driver has it.
            raise UserError(
                f"this node has no {runtime.name} environment at {runtime.python}: run "
                f"`execbench env prepare {runtime.name}` on it (as the same user)"
            )
        self._pool = JudgePool(tasks, sandbox, workers, runtime=runtime)

    def ready(self) -> bool:
        return True

    async def judge(self, task: TaskRef, program: Program, limits: Limits) -> Verdict:
        return await self._pool.judge(task, program, limits)

    def close(self) -> None:
        self._pool.close()


@dataclass
class _Job:
    id: int
    task: TaskRef
    program: Program
    limits: JobLimits
    done: asyncio.Future[tuple[Verdict, Limits]]
    given: Limits | None = None
    call: Any = None  # the Ray object ref of its current judging
    collecting: asyncio.Future[None] | None = None  # awaits `call` (held, so it is not collected)


@dataclass
class _Node:
    actor: Any
    capacity: int
    jobs: dict[int, _Job] = field(default_factory=dict)
    alive: bool = True


class RayPool(JudgeByLimited):
    def __init__(self, tasks: Mapping[str, Task], sandbox: str, settings: ExecutorSettings) -> None:
        ray = self._ray = require_ray()
        self._started_ray = not ray.is_initialized()
        if self._started_ray:
            # address None: RAY_ADDRESS if set, else a cluster of this machine started for the run.
            ray.init(address=settings.address, include_dashboard=False, log_to_driver=False)
        self._nodes = self._start_nodes(dict(tasks), sandbox, settings)
        self._waiting: deque[_Job] = deque()
        self._next_id = 0

    def _start_nodes(
        self, tasks: dict[str, Task], sandbox: str, settings: ExecutorSettings
    ) -> list[_Node]:
        ray = self._ray
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        remote = ray.remote(NodeJudge)
        shared_tasks = ray.put(tasks)
        starting = []
        for node in ray.nodes():
            cpus = int(node["Resources"].get("CPU", 0)) if node["Alive"] else 0
            if cpus < 1:
                continue
            workers = settings.workers
            n_workers = min(workers, cpus) if workers else cpus
            place = NodeAffinitySchedulingStrategy(node["NodeID"], soft=False)
            actor = remote.options(num_cpus=n_workers, scheduling_strategy=place).remote(
                shared_tasks, sandbox, n_workers, settings.runtime
            )
            starting.append((_Node(actor, _QUEUED_PER_WORKER * n_workers), node["NodeID"]))
        nodes = []
        for node, node_id in starting:
            try:
                ray.get(node.actor.ready.remote(), timeout=_START_TIMEOUT_S)
            except Exception as exc:  # one node that cannot judge must not stop the others
                warnings.warn(f"Ray node {node_id} cannot judge: {exc}", stacklevel=2)
                ray.kill(node.actor)
                continue
            nodes.append(node)
        if not nodes:
            self.close()
            raise UserError("no node of the Ray cluster could start a judge (see the warnings)")
        return nodes

    async def judge_limited(
        self, task: TaskRef, program: Program, limits: JobLimits, first: bool = False
    ) -> tuple[Verdict, Limits]:
        self._next_id += 1
        job = _Job(self._next_id, task, program, limits, asyncio.get_running_loop().create_future())
        if first:
            self._waiting.appendleft(job)
        else:
            self._waiting.append(job)
        self._dispatch()
        try:
            return await job.done
        except asyncio.CancelledError:
            if job.call is not None:  # its node's pool drops it if it has not started
                self._ray.cancel(job.call)
            raise

    def close(self) -> None:
        ray = self._ray
        nodes, self._nodes = getattr(self, "_nodes", []), []
        stopping = [node.actor.close.remote() for node in nodes if node.alive]
        try:
            ray.get(stopping, timeout=_STOP_TIMEOUT_S)
        except Exception as exc:  # a node lost meanwhile has nothing left to stop
            warnings.warn(f"stopping the Ray judges: {exc}", stacklevel=2)
        for node in nodes:
            ray.kill(node.actor)
        if self._started_ray:
            ray.shutdown()

    def _dispatch(self) -> None:
        alive = [node for node in self._nodes if node.alive]
        while self._waiting and alive:
            node = min(alive, key=lambda each: len(each.jobs) / each.capacity)
            if len(node.jobs) >= node.capacity:
                return
            job = self._waiting.popleft()
            if job.done.done():  # cancelled while it waited
                continue
            job.given = job.limits() if callable(job.limits) else job.limits
            job.call = node.actor.judge.remote(job.task, job.program, job.given)
            node.jobs[job.id] = job
            job.collecting = asyncio.ensure_future(self._collect(node, job, job.call))
        if not alive:
            lost = Verdict(Status.SANDBOX_ERROR, "every Ray node judging this run was lost")
            while self._waiting:
                job = self._waiting.popleft()
                if not job.done.done():
                    limits = job.limits() if callable(job.limits) else job.limits
                    job.done.set_result((lost, job.given or limits))

    async def _collect(self, node: _Node, job: _Job, call: Any) -> None:
        exceptions = self._ray.exceptions
        try:
            verdict = await call
        except exceptions.RayActorError:
            self._lose(node)
            return
        except (exceptions.TaskCancelledError, asyncio.CancelledError):
            node.jobs.pop(job.id, None)
            self._dispatch()
            return
        except exceptions.RayError as exc:  # the harness failed, not the program
            verdict = Verdict(Status.SANDBOX_ERROR, f"Ray: {type(exc).__name__}: {exc}")
        node.jobs.pop(job.id, None)
        if not job.done.done():
            assert job.given is not None
            job.done.set_result((verdict, job.given))
        self._dispatch()

    def _lose(self, node: _Node) -> None:
        """A node's actor is gone: its jobs go back to the front of the queue, in order."""
        if node.alive:
            node.alive = False
            warnings.warn("a Ray node was lost: its jobs go to the others", stacklevel=1)
            self._ray.kill(node.actor)  # one only unreachable for a while must not answer twice
            for job in sorted(node.jobs.values(), key=lambda each: -each.id):
                self._waiting.appendleft(job)
            node.jobs.clear()
        self._dispatch()


@register_executor("ray")
def ray_pool(tasks: Mapping[str, Task], sandbox: str, settings: ExecutorSettings) -> RayPool:
    return RayPool(tasks, sandbox, settings)
