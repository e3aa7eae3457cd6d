"""The one interface every benchmark adapter implements."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from execbench.core import Limits, Task, UserError
from execbench.environments.spec import EnvironmentSpec


@dataclass(frozen=True)
class LoadOptions:
    """What the user chose about a benchmark's data: a local file, a data directory, a language."""

    data: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    language: str | None = None
    offline: bool = False
    split: str | None = None  # e.g. BigCodeBench's complete / instruct; None: the default
    version: str | None = None  # a data release the benchmark knows; None: its default

    @classmethod
    def from_environment(
        cls,
        data: Path | None = None,
        language: str | None = None,
        environ: os._Environ[str] | dict[str, str] = os.environ,
        split: str | None = None,
        version: str | None = None,
    ) -> LoadOptions:
        """Options from the command line plus EXECBENCH_DATA_DIR / EXECBENCH_OFFLINE."""
        data_dir = environ.get("EXECBENCH_DATA_DIR")
        return cls(
            data=data,
            data_dir=Path(data_dir) if data_dir else None,
            language=language,
            offline=environ.get("EXECBENCH_OFFLINE", "") not in ("", "0"),
            split=split,
            version=version,
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
    # The limits its samples get when the user sets none, and whether each task's CPU budget is
    # then scaled from its reference's measured time (False: every task gets these limits).
    default_limits: ClassVar[Limits] = Limits.for_cpu(Limits.cpu_s)
    scaled_time_limits: ClassVar[bool] = True
    # Named variants of its data (`--split`, `--data-version`); the first of each is the default.
    splits: ClassVar[tuple[str, ...]] = ()
    versions: ClassVar[tuple[str, ...]] = ()

    def check_options(self, options: LoadOptions) -> None:
        """Refuse a split or data version this benchmark does not have."""
        for option, chosen, known in (
            ("--split", options.split, self.splits),
            ("--data-version", options.version, self.versions),
        ):
            if chosen is not None and chosen not in known:
                offered = ", ".join(known) if known else "none"
                raise UserError(f"{option} {chosen!r}: {self.name} offers {offered}")

    def version_of(self, options: LoadOptions) -> str:
        """The data version these options load (`data_version` unless another is chosen)."""
        return options.version or self.data_version

    @abstractmethod
    def load(self, options: LoadOptions) -> list[Task]:
        """All tasks, in the benchmark's canonical order."""
