"""Splitting text into lines where Python and JSON Lines break them."""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """`text`'s lines, broken at \\n, \\r\\n and \\r only, as Python's tokenizer (so `ast` and
    traceback line numbers) and JSON Lines count them. `str.splitlines` also breaks at form
    feeds, U+2028, U+0085 and more, which may stand unescaped inside a string literal or a JSON
    string (a JSON writer with ensure_ascii=False leaves them so)."""
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":  # the last line's own break, as str.splitlines has it
        lines.pop()
    return lines
