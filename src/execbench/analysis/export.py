"""`execbench export`: a run's samples, raw and extracted, to be scored again elsewhere.

`samples`: execbench's own samples format, read back by `evaluate --samples` as it was first
given (`completion`, `solution` or `response`, by how the sample was stored), with the extracted
`program` and the verdict beside it. `evalplus`: EvalPlus's `{"task_id", "solution"}`, the
solution being the whole program execbench judged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from execbench.report import RESULTS_FILENAME
from execbench.store import RunStore


class ExportFormat(StrEnum):
    SAMPLES = "samples"
    EVALPLUS = "evalplus"


def export_records(run: Path, export_format: ExportFormat) -> Iterator[dict[str, Any]]:
    """One record per stored sample, in the run's task order."""
    with RunStore.existing(run) as store:
        samples = store.stored_samples(_ordered_keys(run, store))
    for stored in samples:
        task_id, index = stored.result.task_id, stored.result.sample_index
        if export_format is ExportFormat.EVALPLUS:
            yield {"task_id": task_id, "solution": stored.program}
        else:
            yield {
                "task_id": task_id,
                "sample_index": index,
                stored.sample_format: stored.raw_text,
                "program": stored.program,
                "status": stored.result.status,
            }


def _ordered_keys(run: Path, store: RunStore) -> list[tuple[str, int]]:
    """results.jsonl's order (the benchmark's); samples judged since, after it."""
    keys = store.sample_keys()
    results = run / RESULTS_FILENAME
    if not results.is_file():
        return sorted(keys)
    order = {task_id: position for position, task_id in enumerate(_task_order(results))}
    return sorted(keys, key=lambda key: (order.get(key[0], len(order)), key[0], key[1]))


def _task_order(results: Path) -> Iterator[str]:
    seen: set[str] = set()
    for text in results.read_text(encoding="utf-8").splitlines():
        task_id = json.loads(text)["task_id"] if text.strip() else None
        if task_id is not None and task_id not in seen:
            seen.add(task_id)
            yield task_id
