"""CodeT over samples and tests generated elsewhere (`execbench rerank --method codet`).

The same ranking as `--strategy codet`, from files: each task's samples (by sample index) and
its test generations. A task's trajectory holds the samples as its answers, the test cases with
how often they were written, what each sample's program passed, and the ranking.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

from execbench.core import Sample, Task
from execbench.strategies.base import TrajectoryStore
from execbench.strategies.codet import NO_AGREEMENT, CodeT, CodeTSettings, rank_programs
from execbench.strategies.execution import CaseRunner
from execbench.strategies.public import public_view
from execbench.strategies.trajectory import Answer, RankGroup, Trajectory


async def rerank_offline(
    tasks: Sequence[Task],
    samples: Mapping[str, Sequence[Sample]],
    test_generations: Mapping[str, list[str]],
    settings: CodeTSettings,
    runner: CaseRunner,
    store: TrajectoryStore,
    basis: str,
) -> None:
    """Rank every task's samples into `store` (tasks ranked under `basis` before are kept)."""

    async def rank(task: Task) -> None:
        trajectory = await _ranked(
            task, samples[task.task_id], test_generations.get(task.task_id, []), settings, runner
        )
        store.put(trajectory, basis)

    pending = [
        t for t in tasks if samples.get(t.task_id) and store.get(t.task_id, 0, basis) is None
    ]
    await asyncio.gather(*(rank(task) for task in pending))


async def _ranked(
    task: Task,
    samples: Sequence[Sample],
    generations: list[str],
    settings: CodeTSettings,
    runner: CaseRunner,
) -> Trajectory:
    ordered = sorted(samples, key=lambda sample: sample.sample_index)
    trajectory = Trajectory(
        task_id=task.task_id,
        strategy=CodeT.name,
        answers=[Answer(text=sample.text, format=sample.format) for sample in ordered],
    )
    public = public_view(task)
    why = None
    if public.entry_point is None or public.language != "python":
        why = "CodeT's tests are Python asserts on a function: no ranking"
    elif not generations:
        why = "no test generations for this task: no ranking"
    if why is not None:
        return trajectory.model_copy(update={"notes": [why]})
    programs = [public.program(sample.text, sample.format).source for sample in ordered]
    agreement = await rank_programs(public, runner, programs, generations, settings)
    # The ranking counts positions in `ordered`; the samples' own indices may skip some.
    ranking = [
        RankGroup(
            score=group.score,
            sample_indices=[ordered[i].sample_index for i in group.sample_indices],
        )
        for group in agreement.ranking
    ]
    update = {
        "tests": agreement.tests,
        "attempts": agreement.attempts,
        "ranking": ranking or None,
        "notes": [] if ranking else [NO_AGREEMENT],
    }
    return trajectory.model_copy(update=update)
