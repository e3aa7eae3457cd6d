"""LiveCodeBench's test cases, decoded as its official code does, without trusting the file.

`public_test_cases` is JSON. `private_test_cases` is JSON too in early files, else the JSON text
base64-encoded, zlib-compressed and pickled (lcb_runner/benchmarks/code_generation.py tries
`json.loads` first, then `json.loads(pickle.loads(zlib.decompress(base64.b64decode(...))))`).
The official code unpickles whatever the file holds, so a hostile file runs code on load. Here
the unpickler refuses every global (no class, no function, no `__reduce__` can be named): only
the plain str or bytes the format needs can come out, and a file that wants more is an error.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import pickle
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from execbench.core import UserError

# The decompressed private tests of the largest problems are tens of MB; far beyond is hostile.
MAX_DECODED_BYTES = 1 << 30


@dataclass(frozen=True)
class TestCase:
    input: str
    output: str
    testtype: str  # "stdin" or "functional"


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles plain values only: naming any global (the way to run code) is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused to load {module}.{name}: only text is expected")


def _unpickled_text(encoded: str) -> str | bytes:
    compressed = base64.b64decode(encoded.encode("utf-8"))
    inflater = zlib.decompressobj()
    raw = inflater.decompress(compressed, MAX_DECODED_BYTES)
    if inflater.unconsumed_tail:
        raise ValueError(f"decompresses to more than {MAX_DECODED_BYTES} bytes")
    value = _PlainUnpickler(io.BytesIO(raw)).load()
    if not isinstance(value, str | bytes):
        raise ValueError(f"the pickle holds a {type(value).__name__}, not text")
    return value


def decode_cases(text: Any, field: str, path: Path, line: int) -> list[TestCase]:
    """The test cases of a `public_test_cases` or `private_test_cases` field."""
    where = f"{path}:{line}: field {field!r}"
    if not isinstance(text, str):
        raise UserError(f"{where}: expected text, got {type(text).__name__}")
    try:
        cases = json.loads(text)
    except json.JSONDecodeError:
        try:
            cases = json.loads(_unpickled_text(text))
        except (
            binascii.Error,
            zlib.error,
            pickle.UnpicklingError,
            ValueError,
            EOFError,
            UnicodeDecodeError,
            MemoryError,
            RecursionError,
        ) as exc:
            raise UserError(f"{where}: neither JSON nor LiveCodeBench's encoding: {exc}") from exc
    if not isinstance(cases, list):
        raise UserError(f"{where}: expected a list of test cases")
    return [_case(case, where, number) for number, case in enumerate(cases, start=1)]


def _case(case: Any, where: str, number: int) -> TestCase:
    if not isinstance(case, dict) or not all(
        isinstance(case.get(key), str) for key in ("input", "output", "testtype")
    ):
        raise UserError(f"{where}: test case {number}: expected text input, output and testtype")
    if case["testtype"] not in ("stdin", "functional"):
        raise UserError(f"{where}: test case {number}: unknown testtype {case['testtype']!r}")
    return TestCase(case["input"], case["output"], case["testtype"])
