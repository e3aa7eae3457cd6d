"""bigcode-evaluation-harness `generations.json`: a JSON list with one list of strings per task.

The i-th list holds the samples for the benchmark's i-th task in its dataset order (the harness
writes them so; with its `--limit N`, only the first N tasks). Each string is the post-processed
generation, the prompt included: a whole program, so it is read as a `solution`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from execbench.core import Sample, SampleFormat, UserError


def read_generations(path: Path, text: str, task_ids: Sequence[str]) -> list[Sample]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path}:{exc.lineno}: invalid JSON ({exc.msg} at column {exc.colno})"
        ) from exc
    if not isinstance(data, list) or not all(isinstance(entry, list) for entry in data):
        raise UserError(f"{path}: expected a list with one list of generations per task")
    if len(data) > len(task_ids):
        raise UserError(
            f"{path}: {len(data)} lists of generations, but the benchmark has {len(task_ids)} tasks"
        )
    samples = []
    for position, (task_id, generations) in enumerate(zip(task_ids, data, strict=False)):
        for index, generation in enumerate(generations):
            if not isinstance(generation, str):
                raise UserError(
                    f"{path}: entry {position} (task {task_id}), generation {index}: "
                    f"expected a string, got {type(generation).__name__}"
                )
            samples.append(Sample(task_id, index, generation, SampleFormat.SOLUTION))
    if not samples:
        raise UserError(f"{path}: the file holds no samples")
    return samples
