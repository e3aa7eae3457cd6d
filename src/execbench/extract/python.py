"""The Python program in a chat model's reply.

Order of evidence: the last fenced block that defines the entry point (models revise), with the
other blocks' helpers beside it; else the longest block that parses; without fences, the longest
run of lines that parses and starts like code. The result gets the prompt's imports and helpers
it relies on, then is pruned to the entry point.
"""

from __future__ import annotations

import ast
import re

from execbench.core.lines import split_lines
from execbench.extract.fences import CodeBlock, blocks_for
from execbench.extract.python_prune import context_for, defines, prune

_CODE_START = re.compile(
    r"^(?:from\s+[\w.]+\s+import\b|import\s+\w|(?:async\s+)?def\s|class\s|@\w)"
)


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _longest_parsing_prefix(code: str) -> str | None:
    """The code, or (for a reply cut off mid-block) its longest line prefix that parses."""
    lines = split_lines(code)
    for end in range(len(lines), 0, -1):
        candidate = "\n".join(lines[:end]) + "\n"
        if _parses(candidate):
            return candidate
    return None


def _as_program(block: CodeBlock, prefix: str) -> str | None:
    """The block as a module that parses: whole, after the prompt (a body only), or cut short."""
    if _parses(block.code):
        return block.code
    if prefix and _parses(prefix + block.code):
        return prefix + block.code
    return None if block.closed else _longest_parsing_prefix(block.code)


def choose_block(blocks: list[CodeBlock], entry_point: str | None, prefix: str = "") -> str | None:
    """The block holding the solution, or None when no block parses."""
    parsed = [code for code in (_as_program(block, prefix) for block in blocks) if code is not None]
    if not parsed:
        return None
    if entry_point:
        defining = [code for code in parsed if defines(code, entry_point)]
        if defining:
            # The last definition, with other blocks' helpers around it (pruning drops the rest).
            chosen = defining[-1]
            return "\n".join(code for code in parsed if code is chosen or code not in defining)
    return max(parsed, key=len)


def code_in_prose(text: str, entry_point: str | None) -> str | None:
    """The longest run of lines that starts like code and parses (preferring the entry point)."""
    lines = split_lines(text)
    spans: list[str] = []
    start = 0
    while start < len(lines):
        if not _CODE_START.match(lines[start]):
            start += 1
            continue
        for end in range(len(lines), start, -1):
            candidate = "\n".join(lines[start:end]) + "\n"
            if _parses(candidate):
                spans.append(candidate)
                start = end
                break
        else:
            start += 1
    if not spans:
        return None
    if entry_point:
        defining = [span for span in spans if defines(span, entry_point)]
        if defining:
            return max(defining, key=len)
    return max(spans, key=len)


def _looks_like_code(text: str) -> bool:
    """Whether some line is Python on its own (`return x`, `[1, 2]`, `assert f(1) == 2`) or
    starts like a definition; prose sentences ("I'm sorry, I cannot help with that.") do not."""
    lines = (line.strip() for line in split_lines(text))
    return any(line and (_CODE_START.match(line) or _parses(line)) for line in lines)


def extract_python(text: str, entry_point: str | None, prefix: str) -> str:
    """The program in `text`; `prefix` is the task's completion prefix (the prompt's code)."""
    blocks = blocks_for(text, "python")
    code = choose_block(blocks, entry_point, prefix) if blocks else None
    if code is None:
        code = code_in_prose(text, entry_point)
    if code is None:
        if not blocks and not _looks_like_code(text):
            return ""  # no code in the reply: the judge says so, rather than compile the prose
        # Nothing parses: hand the judge the code as it is, so the failure is the model's.
        return blocks[-1].code if blocks else text
    if not entry_point:
        return code
    return prune(context_for(code, prefix, entry_point) + code, entry_point)
