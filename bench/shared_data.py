"""Where the bench scripts read benchmark data: never a download.

`EXECBENCH_DATA_DIR` when set, else the project's shared datasets beside the checkout
(`../shared/datasets`, as the tests find them). The choice goes into this process's environment,
so the judge workers and the peers' subprocesses read the same files, and offline mode is on: a
file missing there is an error naming it, not a download.
"""

from __future__ import annotations

import os
from pathlib import Path

from execbench.tasks import LoadOptions

SHARED_DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


def use_shared_datasets() -> Path:
    """The data directory, made this process's (and its children's) default; offline mode on."""
    os.environ.setdefault("EXECBENCH_DATA_DIR", str(SHARED_DATASETS))
    os.environ.setdefault("EXECBENCH_OFFLINE", "1")
    return Path(os.environ["EXECBENCH_DATA_DIR"])


def load_options(language: str | None = None) -> LoadOptions:
    """Loading options that read `use_shared_datasets()`'s directory."""
    use_shared_datasets()
    return LoadOptions.from_environment(language=language)
