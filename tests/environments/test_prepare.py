"""`env prepare`: a real venv and a real pip, fed a local wheel; resumable; failures named."""

from __future__ import annotations

import json
import subprocess

import pytest

from execbench.core import UserError
from execbench.environments import (
    DataStep,
    EnvState,
    InstalledEnvironment,
    find_prepared,
    prepare_environment,
)
from execbench.environments.installed import MANIFEST, examine
from execbench.environments.prepare import LOG_FILE
from tests.environments.conftest import FETCHER, TINY_MODULE, tiny_spec


class Phases:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pip_seen = 0
        self.warnings: list[str] = []

    def phase(self, text: str) -> None:
        self.lines.append(text)

    def pip(self, progress, total: int) -> None:
        self.pip_seen = progress.seen

    def warn(self, text: str) -> None:
        self.warnings.append(text)


def test_prepared_environment_imports_the_pinned_package(tiny_env: InstalledEnvironment):
    assert tiny_env.state is EnvState.READY
    assert f"{TINY_MODULE}==1.0" in tiny_env.manifest["installed"]
    done = subprocess.run(
        [tiny_env.python, "-I", "-c", f"import {TINY_MODULE}; print({TINY_MODULE}.ANSWER)"],
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "42", done.stderr
    assert tiny_env.path.name.startswith("tiny-py") and tiny_env.size_bytes() > 0


def test_a_prepared_environment_is_found_and_not_built_again(tiny_env, wheels, envs_cache):
    root = envs_cache / "execbench" / "envs"
    assert find_prepared(tiny_spec(wheels), root) == tiny_env
    listener = Phases()
    again = prepare_environment(tiny_spec(wheels), root=root, listener=listener)
    assert again.path == tiny_env.path
    assert listener.pip_seen == 0 and "already prepared" in listener.lines[-1]
    # Other requirements are another build, not this one.
    assert find_prepared(tiny_spec(wheels, "other==2"), root) is None


def test_an_interrupted_build_is_resumed(wheels, tmp_path):
    root = tmp_path / "envs"
    built = prepare_environment(tiny_spec(wheels, name="resumed"), root=root)
    (built.path / MANIFEST).unlink()  # as if killed before the end
    assert examine(built.path, "resumed").state is EnvState.INCOMPLETE
    assert find_prepared(tiny_spec(wheels, name="resumed"), root) is None
    listener = Phases()
    again = prepare_environment(tiny_spec(wheels, name="resumed"), root=root, listener=listener)
    assert again.state is EnvState.READY
    assert not any("creating" in line for line in listener.lines)  # the venv was kept
    assert "Requirement already satisfied: tinypkg" in (built.path / LOG_FILE).read_text()


def test_a_package_that_cannot_be_installed_is_named(wheels, tmp_path):
    spec = tiny_spec(wheels, "nosuchpkg==9.9", name="broken")
    with pytest.raises(UserError) as caught:
        prepare_environment(spec, root=tmp_path / "envs")
    message = str(caught.value)
    assert message.startswith("could not install nosuchpkg==9.9:")
    assert LOG_FILE in message
    assert find_prepared(spec, tmp_path / "envs") is None  # never marked ready


def test_an_import_that_fails_after_installing_is_named(wheels, tmp_path):
    spec = tiny_spec(wheels, name="noimport")
    spec = type(spec)(**{**spec.__dict__, "imports": (TINY_MODULE, "not_installed_module")})
    with pytest.raises(UserError, match="`import not_installed_module`: ModuleNotFoundError"):
        prepare_environment(spec, root=tmp_path / "envs")


def test_data_that_cannot_be_fetched_is_reported_then_fetched_by_the_next_prepare(wheels, tmp_path):
    network = tmp_path / "network-is-up"
    step = DataStep("test data", FETCHER, ("{prefix}", str(network)), ("data.txt",))
    spec = tiny_spec(wheels, f"{FETCHER}==1.0", name="withdata", data=(step,))
    root = tmp_path / "envs"
    listener = Phases()
    env = prepare_environment(spec, root=root, listener=listener)
    assert env.state is EnvState.READY and env.missing_data == ["test data"]
    assert "could not fetch test data" in listener.warnings[0]
    network.touch()
    env = prepare_environment(spec, root=root)
    assert env.missing_data == [] and (env.path / "data.txt").read_text() == "data"
    assert json.loads((env.path / MANIFEST).read_text())["missing_data"] == []
