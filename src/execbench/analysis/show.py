"""`execbench show`: one judged sample as the run stored it — raw reply, program, verdict."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from execbench.core import UserError
from execbench.store import ResultLine, RunStore, read_trajectories
from execbench.strategies.trajectory import Trajectory


@dataclass(frozen=True)
class SampleView:
    run: str
    task_id: str
    sample_index: int
    n_samples: int  # the task's samples in this run
    sample_format: str
    raw_text: str
    program: str
    result: ResultLine
    # The strategy's trajectory the sample came out of (None: direct sampling, evaluate).
    trajectory: Trajectory | None = None

    def to_dict(self) -> dict[str, Any]:
        view = asdict(self)
        view["result"] = self.result.model_dump()
        view["trajectory"] = self.trajectory.model_dump() if self.trajectory else None
        return view


def show_sample(run: Path, task_id: str, sample_index: int | None = None) -> SampleView:
    """`sample_index` None: the task's first sample that did not pass, else its first."""
    with RunStore.existing(run) as store:
        indices = sorted(index for tid, index in store.sample_keys() if tid == task_id)
        if not indices:
            raise UserError(f"{run}: no judged sample for task {task_id!r}")
        if sample_index is None:
            results = store.results([(task_id, index) for index in indices])
            failing = [line.sample_index for line in results if not line.passed]
            sample_index = failing[0] if failing else indices[0]
        stored = store.stored_sample(task_id, sample_index)
    if stored is None:
        raise UserError(
            f"{run}: task {task_id!r} has samples {indices[0]}..{indices[-1]}, not {sample_index}"
        )
    return SampleView(
        str(run),
        task_id,
        sample_index,
        len(indices),
        stored.sample_format,
        stored.raw_text,
        stored.program,
        stored.result,
        _trajectory_of(run, task_id, sample_index),
    )


def _trajectory_of(run: Path, task_id: str, sample_index: int) -> Trajectory | None:
    """The trajectory whose answers hold the sample: one per chain, or CodeT's n in one."""
    first = 0
    for trajectory in read_trajectories(run, task_id):
        if first <= sample_index < first + len(trajectory.answers):
            return trajectory
        first += len(trajectory.answers)
    return None
