"""Shared fixtures: where the public datasets are, and HumanEval tasks with sample texts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from execbench.core import Task
from execbench.judge.build import ArtifactCache
from execbench.sandbox import Sandbox
from execbench.tasks import LoadOptions, get_benchmark
from tests.support.sandbox import session_sandbox

REPO_ROOT = Path(__file__).resolve().parents[1]


def datasets_dir() -> Path:
    """EXECBENCH_DATA_DIR, defaulting to the shared datasets beside the checkout."""
    return Path(os.environ.get("EXECBENCH_DATA_DIR", REPO_ROOT.parent / "shared" / "datasets"))


def missing_dataset(reason: str) -> NoReturn:
    """Skip a test whose dataset is missing, except under CI (CI=true), where the shared
    datasets always lie beside the clone: there a skip would hide lost coverage."""
    if os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(f"{reason}; CI is set, so datasets must be present", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = datasets_dir()
    if not path.is_dir():
        missing_dataset(f"shared datasets not found at {path} (set EXECBENCH_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def humaneval_tasks() -> dict[str, Task]:
    tasks = get_benchmark("humaneval").load(LoadOptions())
    return {task.task_id: task for task in tasks}


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    return session_sandbox()


@pytest.fixture(scope="session")
def artifact_cache(tmp_path_factory: pytest.TempPathFactory) -> ArtifactCache:
    """A build cache of the test session's own, so tests never reuse a build from outside."""
    return ArtifactCache(tmp_path_factory.mktemp("artifacts"))
