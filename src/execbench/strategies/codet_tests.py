"""Test cases out of a model's test generation, as CodeT's post-processing takes them, and the
offline test generations file (`rerank --tests T.jsonl`).

A test generation is text the model wrote after `assert ` (CodeT's prompt ends so), or after a
chat instruction: a run of asserts calling the entry point, maybe cut off mid-way. The text is
split at each `assert `; a piece that names the entry point becomes `assert <piece>`, cut at the
first line starting a class, def, comment, `if` or `print`; it is kept when it compiles inside a
try block (CodeT's check, so a truncated last assert is dropped). Only the first
`limit` cases of each generation count (CodeT's default: 5).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from execbench.core import SampleFormat, UserError
from execbench.extract.fences import blocks_for
from execbench.prompts import truncate_at_stop
from execbench.tasks.jsonl import read_jsonl

# Where CodeT cuts a test case (and a sampled solution).
CODET_STOPS = ("\nclass", "\ndef", "\n#", "\nif", "\nprint")
DEFAULT_CASES_PER_GENERATION = 5


def extract_test_cases(text: str, entry_point: str) -> list[str]:
    pieces = f"assert {text}".split("assert ")
    named = [
        f"assert {piece}".strip() for piece in pieces if piece.strip() and entry_point in piece
    ]
    cut = [truncate_at_stop(case, CODET_STOPS).strip() for case in named]
    return [case for case in cut if _compiles_in_try(case)]


def _compiles_in_try(case: str) -> bool:
    if not case.strip() or "assert" not in case:
        return False
    body = case.replace("\n", "\n    ")
    try:
        compile(f"try:\n    {body}\nexcept:\n    pass\n", "<case>", "exec")
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError):
        return False
    return True


def test_text(text: str, sample_format: SampleFormat) -> str:
    """The code of a test generation: a chat reply's Python blocks, or a completion as it is."""
    if sample_format is not SampleFormat.RESPONSE:
        return text
    blocks = blocks_for(text, "python")
    return "\n".join(block.code for block in blocks) if blocks else text


def limited_cases(generations: Sequence[str], entry_point: str, limit: int) -> list[list[str]]:
    """Each generation's first `limit` test cases."""
    return [extract_test_cases(text, entry_point)[:limit] for text in generations]


def read_test_generations(path: Path, known: Collection[str]) -> dict[str, list[str]]:
    """task_id -> its test generations in file order, from JSON lines {"task_id", "test"}."""
    if not path.is_file():
        raise UserError(f"{path}: no such test generations file")
    generations: dict[str, list[str]] = {}
    try:
        for number, record in read_jsonl(path):
            task_id, test = record.get("task_id"), record.get("test")
            if not isinstance(task_id, str) or task_id not in known:
                raise UserError(f"{path}:{number}: field 'task_id': no task {task_id!r} here")
            if not isinstance(test, str):
                raise UserError(f"{path}:{number}: field 'test': missing or not text")
            generations.setdefault(task_id, []).append(test)
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not generations:
        raise UserError(f"{path}: no test generations")
    return generations
