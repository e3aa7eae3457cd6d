"""Code out of model text: fences, code in prose, repeated prompts, pruning to the entry point."""

from execbench.extract.fences import CodeBlock, blocks_for, fenced_blocks
from execbench.extract.program import (
    EXTRACTORS,
    extract_program,
    register_extractor,
    strip_repeated_prompt,
)

__all__ = [
    "EXTRACTORS",
    "CodeBlock",
    "blocks_for",
    "extract_program",
    "fenced_blocks",
    "register_extractor",
    "strip_repeated_prompt",
]
