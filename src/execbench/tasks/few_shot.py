"""`--few-shot K`: the benchmark's own solved examples, chosen before any prompt is built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from execbench.core import Task, UserError
from execbench.prompts import PromptSettings
from execbench.tasks.base import LoadOptions
from execbench.tasks.registry import get_benchmark


def with_examples(
    settings: PromptSettings, benchmark: str, load: LoadOptions, tasks: Sequence[Task]
) -> PromptSettings:
    """`settings` holding the benchmark's first `settings.few_shot` examples; a UserError
    where it has too few, or where one is a task of the run (its answer would be in the prompt)."""
    wanted = settings.few_shot
    if not wanted:
        return settings
    examples = get_benchmark(benchmark).few_shot_examples(load)[:wanted]
    if len(examples) < wanted:
        having = f"only {len(examples)}" if examples else "none"
        raise UserError(
            f"--few-shot {wanted}: {benchmark} sets {having} solved examples aside "
            "(mbpp sets 10 aside)"
        )
    shown = {example.task_id for example in examples}
    if leaked := sorted(shown & {task.task_id for task in tasks}):
        raise UserError(f"--few-shot {wanted}: example {leaked[0]} is also a task of this run")
    return replace(settings, examples=tuple(examples))
