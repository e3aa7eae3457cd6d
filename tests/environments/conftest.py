"""A tiny environment, built for real (venv + pip) from a hand-made wheel, no index reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from execbench.environments import EnvironmentSpec, InstalledEnvironment, prepare_environment
from tests.environments.tiny_wheel import build_wheel

TINY_MODULE = "tinypkg"
TINY_SOURCE = "ANSWER = 42\n"
# `python -m tinyfetch PREFIX MARKER`: "downloads" PREFIX/data.txt, when MARKER exists (a network
# that is reachable); else fails, as nltk's downloader does offline.
FETCHER = "tinyfetch"
FETCHER_MAIN = """
import os, sys
prefix, marker = sys.argv[1:]
if not os.path.exists(marker):
    sys.exit("no network")
with open(os.path.join(prefix, "data.txt"), "w") as handle:
    handle.write("data")
"""


def tiny_spec(wheels: Path, *extra: str, **fields) -> EnvironmentSpec:
    return EnvironmentSpec(
        name=fields.pop("name", "tiny"),
        requirements=(f"{TINY_MODULE}==1.0", *extra),
        imports=(TINY_MODULE,),
        pip_options=("--no-index", "--find-links", str(wheels)),
        **fields,
    )


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("wheels")
    build_wheel(directory, TINY_MODULE, "1.0", {"__init__.py": TINY_SOURCE})
    build_wheel(directory, FETCHER, "1.0", {"__init__.py": "", "__main__.py": FETCHER_MAIN})
    return directory


@pytest.fixture(scope="session")
def envs_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user cache of the test session's own (XDG_CACHE_HOME), never the real one."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def tiny_env(wheels: Path, envs_cache: Path) -> InstalledEnvironment:
    return prepare_environment(tiny_spec(wheels), root=envs_cache / "execbench" / "envs")


@pytest.fixture
def user_cache(envs_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(envs_cache))
    return envs_cache / "execbench" / "envs"
