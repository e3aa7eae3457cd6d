"""The `reference` model: every task answered with its reference solution (ground truth)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from execbench.core import SampleFormat, Task, UserError
from execbench.models.base import Generation, GenerationOptions, Model, register_model


class ReferenceModel(Model):
    name = "reference"

    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]:
        return [Generation(task.reference, SampleFormat.SOLUTION) for _ in range(options.n)]


@register_model("reference")
def _make_reference(rest: str, settings: Mapping[str, Any]) -> Model:
    if rest:
        raise UserError(f"the reference model takes no argument (got 'reference:{rest}')")
    return ReferenceModel()
