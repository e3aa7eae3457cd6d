"""Reading JSON-lines data files (plain or gzip), with errors that name the file and line."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from execbench.core import UserError
from execbench.core.lines import split_lines


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for every non-blank line."""
    return _jsonl_records(read_text(path), path)


def _jsonl_records(text: str, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise UserError(f"{path}:{number}: expected a JSON object")
        yield number, record


def require(record: Mapping[str, Any], field: str, path: Path, line: int) -> Any:
    if field not in record:
        raise UserError(f"{path}:{line}: missing field {field!r}")
    return record[field]


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(position, record) from a JSON-lines file or a JSON array of objects (plain or gzip).

    The position is the line number for JSON lines and the 1-based record number for an array.
    """
    text = read_text(path)
    if not text.lstrip().startswith("["):
        yield from _jsonl_records(text, path)
        return
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UserError(f"{path}: record {number}: expected a JSON object")
        yield number, record
