"""The `reference` model: every task answered with its reference solution (ground truth)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from execbench.core import SampleFormat, Task, UserError
from execbench.models.base import Generation, GenerationOptions, Model, ModelError, register_model


class ReferenceModel(Model):
    name = "reference"

    async def prepare(self, tasks: Sequence[Task], options: GenerationOptions) -> None:
        # Some benchmarks (MultiPL-E, APPS, LeetCode) ship none: judging empty answers would
        # only report every task as failed.
        if tasks and not any(task.reference for task in tasks):
            raise UserError(
                "these tasks have no reference solutions: the reference model has nothing to "
                "answer with (use a real model, or evaluate a samples file)"
            )

    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]:
        if not task.reference:
            raise ModelError(f"{task.task_id} has no reference solution")
        return [Generation(task.reference, SampleFormat.SOLUTION) for _ in range(options.n)]


@register_model("reference")
def _make_reference(rest: str, settings: Mapping[str, Any]) -> Model:
    if rest:
        raise UserError(f"the reference model takes no argument (got 'reference:{rest}')")
    return ReferenceModel()
