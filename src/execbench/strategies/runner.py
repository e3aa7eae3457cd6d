"""Strategies that solve each task from its public part, one trajectory per chain.

Tasks run concurrently: their model requests share the run's concurrency gate, their programs
the case runner's sandboxes. A task's samples are yielded when its trajectory is done, so the
engine judges them while other tasks are still being solved. A finished trajectory is kept in
the run store and never redone; an unfinished one replays from the generation cache.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from abc import abstractmethod
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from functools import partial

from execbench.core import Sample, Task, UserError
from execbench.models import ModelError
from execbench.models.stream import Emit, as_ready
from execbench.strategies.base import Solution, Strategy, StrategyRun
from execbench.strategies.public import PublicTask, public_view
from execbench.strategies.tools import Session, Tools
from execbench.strategies.trajectory import Trajectory


class TrajectoryStrategy(Strategy):
    """A strategy that sees only `PublicTask`s. Unless it `ranks` (answering with all n samples
    at once), each of a task's -n chains is an independent run of `solve` giving one answer."""

    @abstractmethod
    async def solve(self, task: PublicTask, tools: Tools) -> Solution: ...

    def chains(self, n: int) -> int:
        return 1 if self.ranks else n

    def check_tasks(self, tasks: Sequence[Task]) -> None:
        two_step = [task.task_id for task in tasks if task.follow_up is not None]
        if two_step:
            raise UserError(
                f"--strategy {self.name}: {two_step[0]} is a two-step task (its answer is asked "
                "for again): such tasks take direct sampling only"
            )

    async def samples(self, run: StrategyRun) -> AsyncIterator[Sample]:
        options = run.options if self.ranks else replace(run.options, n=1)
        session = Session(
            run.model,
            options,
            asyncio.Semaphore(run.concurrency),
            run.runner,
            run.totals,
            run.cache,
        )
        chains = self.chains(run.options.n)
        basis = self.basis(run)

        async def one_task(task: Task, emit: Emit) -> None:
            public = public_view(task)  # the strategy never holds the Task itself
            for chain in range(chains):
                try:
                    trajectory = await self._trajectory(run, session, public, chain, basis)
                except ModelError as exc:
                    run.totals.failures[task.task_id] = str(exc)
                    return
                first = chain * len(trajectory.answers)
                await emit(
                    [
                        Sample(task.task_id, first + offset, answer.text, answer.format)
                        for offset, answer in enumerate(trajectory.answers)
                    ]
                )

        async for sample in as_ready([partial(one_task, task) for task in run.tasks]):
            yield sample

    def basis(self, run: StrategyRun) -> str:
        """What the trajectories depend on besides the task: strategy, model, options."""
        made_under = {
            "strategy": self.identity(),
            "model": run.model.name,
            "n": run.options.n,
            "options": run.options.identity(),
        }
        return hashlib.sha256(json.dumps(made_under, sort_keys=True).encode()).hexdigest()

    async def _trajectory(
        self, run: StrategyRun, session: Session, task: PublicTask, chain: int, basis: str
    ) -> Trajectory:
        store = run.trajectories
        if store is not None and (done := store.get(task.task_id, chain, basis)) is not None:
            return done
        tools = Tools(session, task, chain)
        solution = await self.solve(task, tools)
        trajectory = Trajectory(
            task_id=task.task_id,
            chain=chain,
            strategy=self.name,
            rounds_used=max((attempt.round for attempt in tools.attempts), default=0),
            calls=tools.calls,
            attempts=tools.attempts,
            tests=tools.tests,
            answers=solution.answers,
            ranking=solution.ranking,
            notes=tools.notes,
        )
        if store is not None:
            store.put(trajectory, basis)
        return trajectory
