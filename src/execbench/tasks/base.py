"""The one interface every benchmark adapter implements."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from execbench.core import Task
from execbench.environments.spec import EnvironmentSpec


@dataclass(frozen=True)
class LoadOptions:
    """What the user chose about a benchmark's data: a local file, a data directory, a language."""

    data: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    language: str | None = None
    offline: bool = False

    @classmethod
    def from_environment(
        cls,
        data: Path | None = None,
        language: str | None = None,
        environ: os._Environ[str] | dict[str, str] = os.environ,
    ) -> LoadOptions:
        """Options from the command line plus EXECBENCH_DATA_DIR / EXECBENCH_OFFLINE."""
        data_dir = environ.get("EXECBENCH_DATA_DIR")
        return cls(
            data=data,
            data_dir=Path(data_dir) if data_dir else None,
            language=language,
            offline=environ.get("EXECBENCH_OFFLINE", "") not in ("", "0"),
        )


class Benchmark(ABC):
    """A benchmark family. Subclasses set the class attributes and turn their data into Tasks.

    Quirks (stop words, prompt templates, float tolerance, special oracles) belong here, never in
    the sandbox or the judge.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    languages: ClassVar[tuple[str, ...]] = ("python",)
    data_version: ClassVar[str] = ""
    # Tasks whose published reference or tests are broken, with the evidence: `validate` reports
    # them as known rather than as harness failures.
    known_broken: ClassVar[Mapping[str, str]] = {}
    # The packages its samples import, pinned as its authors pinned them: samples run in this
    # environment, built by `execbench env prepare NAME` (None: execbench's own Python).
    environment: ClassVar[EnvironmentSpec | None] = None

    @abstractmethod
    def load(self, options: LoadOptions) -> list[Task]:
        """All tasks, in the benchmark's canonical order."""
