"""Markdown code fences in model text, for any language.

Chat models wrap code in ``` or ~~~ fences, sometimes several, with or without a language tag,
and a reply cut off by max_tokens may leave the last fence open. This module only finds blocks and
says whether a tag names a language; choosing among them is the language extractor's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from execbench.core.lines import split_lines
from execbench.languages import language_of_tag

# A fence opens at the start of a line (after up to 3 spaces, or deeper inside a list item) with 3+
# backticks or tildes and an optional info string; it closes with a line of the same fence
# character, at least as long.
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")

# Tags that say "this block is not code in any language" (sample output, a shell session...).
_NOT_CODE_TAGS = frozenset({"text", "txt", "output", "console", "plaintext", "markdown", "md"})


@dataclass(frozen=True)
class CodeBlock:
    """One fenced block: its info-string tag (lower case, may be empty) and its body."""

    tag: str
    code: str
    closed: bool = True

    @property
    def language(self) -> str | None:
        """The execbench language the tag names (the specs' `fence_tags`), or None when untagged
        or unknown."""
        return language_of_tag(self.tag)

    def may_be(self, language: str) -> bool:
        """Whether the block can hold `language` code: untagged, or tagged with that language."""
        if not self.tag:
            return True
        if self.tag in _NOT_CODE_TAGS:
            return False
        return self.language == language or (self.language is None and self.tag == language)


def fenced_blocks(text: str) -> list[CodeBlock]:
    """Every fenced block in order; a fence left open by a cut-off reply runs to the end."""
    blocks: list[CodeBlock] = []
    lines = split_lines(text)
    i = 0
    while i < len(lines):
        opening = _OPEN.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence = opening["fence"]
        tag = opening["info"].split()[0].lower() if opening["info"].strip() else ""
        indent = len(opening["indent"])
        body: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            stripped = lines[i].strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                closed = True
                i += 1
                break
            body.append(_dedent_line(lines[i], indent))
            i += 1
        code = "\n".join(body) + "\n" if body else ""
        blocks.append(CodeBlock(tag=tag, code=code, closed=closed))
    return blocks


def _dedent_line(line: str, indent: int) -> str:
    """Remove a list item's indentation from a fenced line, never more than the line has."""
    removable = len(line) - len(line.lstrip(" \t"))
    return line[min(indent, removable) :]


def blocks_for(text: str, language: str) -> list[CodeBlock]:
    """The fenced blocks that may hold `language` code, in order."""
    return [block for block in fenced_blocks(text) if block.may_be(language) and block.code.strip()]
