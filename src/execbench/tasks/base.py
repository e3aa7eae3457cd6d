"""The one interface every benchmark adapter implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from execbench.core import Task


@dataclass(frozen=True)
class LoadOptions:
    """What the user chose about a benchmark's data: a local file, a data directory, a language."""

    data: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    language: str | None = None
    offline: bool = False


class Benchmark(ABC):
    """A benchmark family. Subclasses set the class attributes and turn their data into Tasks.

    Quirks (stop words, prompt templates, float tolerance, special oracles) belong here, never in
    the sandbox or the judge.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    languages: ClassVar[tuple[str, ...]] = ("python",)
    data_version: ClassVar[str] = ""

    @abstractmethod
    def load(self, options: LoadOptions) -> list[Task]:
        """All tasks, in the benchmark's canonical order."""
