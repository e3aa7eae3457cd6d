"""What a model produced, and the program taken out of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class SampleFormat(StrEnum):
    """How a sample's text relates to the task: appended to the prompt, or a whole program."""

    COMPLETION = "completion"
    SOLUTION = "solution"
    RESPONSE = "response"


@dataclass(frozen=True)
class Sample:
    task_id: str
    sample_index: int
    text: str
    format: SampleFormat = SampleFormat.COMPLETION
    # The prompt the model was sent for it, as JSON (prompts.Prompt.identity); "" where none was
    # (samples files, reference solutions). Kept with the verdict, shown by `show`.
    prompt: str = field(default="", compare=False)


@dataclass(frozen=True)
class Program:
    language: str
    source: str

    @cached_property  # asked for several times per sample: on resuming, deduplicating, recording
    def sha256(self) -> str:
        return hashlib.sha256(f"{self.language}\0{self.source}".encode()).hexdigest()
