"""What a benchmark declares about the environment its samples run in.

A benchmark whose tests import third-party packages (ClassEval's pandas and nltk, BigCodeBench's
139 libraries) declares them here, pinned as the benchmark's authors pinned them, with the
Python version their harness runs on. `execbench env prepare NAME` builds it once into the user
cache (prepare.py); runs of the benchmark then execute every sample with its interpreter.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class DataStep:
    """Data a package needs besides its code, fetched once the packages are in (nltk's corpora).

    `module` is run as `python -m MODULE ARGS` by the environment's interpreter; `{prefix}` in an
    argument stands for the environment's directory. `check` is a file or directory, relative to
    the prefix, whose presence means the step is done (so a second `prepare` skips it).
    """

    description: str
    module: str
    args: tuple[str, ...]
    check: tuple[str, ...]


@dataclass(frozen=True)
class EnvironmentSpec:
    """`requirements` are pip requirement lines (environment markers allowed); `imports` are the
    modules whose import proves the environment complete; `python` is the "X.Y" version the
    benchmark's own harness runs on (None: the Python running execbench). `pip_options` go to
    every pip call (tests use `--no-index --find-links DIR`)."""

    name: str
    requirements: tuple[str, ...]
    imports: tuple[str, ...]
    python: str | None = None
    data: tuple[DataStep, ...] = ()
    pip_options: tuple[str, ...] = ()
    source: str = ""  # where the pins come from, for `env list` and the docs

    def key(self, python_version: str) -> str:
        """Names one build: the same requirements and data on the same Python share it."""
        identity = {
            "requirements": list(self.requirements),
            "data": [[step.module, *step.args] for step in self.data],
            "python": python_version,
        }
        digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
        return digest[:12]

    def directory_name(self, python_version: str) -> str:
        return f"{self.name}-py{python_version}-{self.key(python_version)}"
