"""Fixtures for the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import datasets_dir, missing_dataset
from tests.support.openai_run import humaneval_subset


@pytest.fixture(scope="session")
def subset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The first HumanEval tasks as a local --data file, and their records."""
    source = datasets_dir() / "humaneval" / "HumanEval.jsonl"
    if not source.is_file():
        missing_dataset(f"HumanEval not found at {source} (set EXECBENCH_DATA_DIR)")
    return humaneval_subset(source, tmp_path_factory.mktemp("data"))
