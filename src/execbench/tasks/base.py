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
    """What the user chose about a benchmark's data: a local file, a data directory, a language,
    a release of the data (`version`, e.g. LiveCodeBench's v1..v6; None: the benchmark's default),
    a split (BigCodeBench's complete / instruct; None: the benchmark's default).

    `hf_hub_cache` is the Hugging Face hub cache, where benchmarks published as Hugging Face
    datasets find files a user downloaded with `huggingface-cli download`.
    """

    data: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    language: str | None = None
    offline: bool = False
    version: str | None = None
    split: str | None = None  # e.g. BigCodeBench's complete / instruct; None: the default
    hf_hub_cache: Path | None = None

    @classmethod
    def from_environment(
        cls,
        data: Path | None = None,
        language: str | None = None,
        environ: os._Environ[str] | dict[str, str] = os.environ,
        version: str | None = None,
        split: str | None = None,
    ) -> LoadOptions:
        """Options from the command line plus EXECBENCH_DATA_DIR / EXECBENCH_OFFLINE, and the
        Hugging Face cache where huggingface_hub puts it (HF_HUB_CACHE, HF_HOME/hub)."""
        data_dir = environ.get("EXECBENCH_DATA_DIR")
        return cls(
            data=data,
            data_dir=Path(data_dir) if data_dir else None,
            language=language,
            offline=environ.get("EXECBENCH_OFFLINE", "") not in ("", "0"),
            version=version,
            split=split,
            hf_hub_cache=hf_hub_cache(environ),
        )


def hf_hub_cache(environ: os._Environ[str] | dict[str, str]) -> Path:
    """Where huggingface_hub keeps downloaded repositories, by its own rules."""
    for name in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):  # the second is the older name
        if environ.get(name):
            return Path(environ[name]).expanduser()
    if environ.get("HF_HOME"):
        return Path(environ["HF_HOME"]).expanduser() / "hub"
    cache_home = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home).expanduser() / "huggingface" / "hub"


class Benchmark(ABC):
    """A benchmark family. Subclasses set the class attributes and turn their data into Tasks.

    Quirks (stop words, prompt templates, float tolerance, special oracles) belong here, never in
    the sandbox or the judge.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    languages: ClassVar[tuple[str, ...]] = ("python",)
    data_version: ClassVar[str] = ""
    # Releases of the data a user may choose with --release, the default first; () when one.
    versions: ClassVar[tuple[str, ...]] = ()
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
    # Splits of its data a user may choose with --split, the default first; () when one.
    splits: ClassVar[tuple[str, ...]] = ()

    def check_options(self, options: LoadOptions) -> None:
        """Refuse a split this benchmark does not have, and a release where it has one only
        (a benchmark with releases reads the name itself: LiveCodeBench also takes ranges)."""
        if options.split is not None and options.split not in self.splits:
            offered = ", ".join(self.splits) if self.splits else "none"
            raise UserError(f"--split {options.split!r}: {self.name} offers {offered}")
        if options.version is not None and not self.versions:
            raise UserError(f"--release {options.version}: {self.name} has one release only")

    def version_of(self, options: LoadOptions) -> str:
        """The data version these options load (`data_version` unless another is chosen)."""
        return options.version or self.data_version

    @abstractmethod
    def load(self, options: LoadOptions) -> list[Task]:
        """All tasks, in the benchmark's canonical order."""

    def known_issue(self, task: Task) -> str | None:
        """Why `task`'s published reference or tests are broken, with the evidence, if they are
        (`validate` reports such a failure as known rather than as the harness's)."""
        return self.known_broken.get(task.task_id)
