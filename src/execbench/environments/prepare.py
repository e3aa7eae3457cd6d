"""`execbench env prepare`: build a benchmark's environment once, resumably.

Steps, each skipped when already done, so that an interrupted build continues where it stopped:
a virtual environment on the benchmark's Python; its pinned requirements through pip (pip skips
what is installed, and keeps downloads in its own cache); the data steps; an import of every
module the benchmark needs, to prove the build; and last the manifest that marks it ready.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from execbench.core import UserError
from execbench.environments.installed import (
    EnvState,
    InstalledEnvironment,
    env_directory,
    examine,
    write_manifest,
)
from execbench.environments.interpreters import Interpreter, find_interpreter
from execbench.environments.pip_install import PipProgress, pip_command, pip_install
from execbench.environments.spec import DataStep, EnvironmentSpec

LOG_FILE = "prepare.log"
REQUIREMENTS_FILE = "requirements.txt"
_STEP_TIMEOUT_S = 3600


class PrepareListener(Protocol):
    def phase(self, text: str) -> None: ...

    def pip(self, progress: PipProgress, total: int) -> None: ...

    def warn(self, text: str) -> None: ...


class _Silent:
    def phase(self, text: str) -> None:
        pass

    def pip(self, progress: PipProgress, total: int) -> None:
        pass

    def warn(self, text: str) -> None:
        pass


def prepare_environment(
    spec: EnvironmentSpec,
    python: str | None = None,
    root: Path | None = None,
    listener: PrepareListener | None = None,
) -> InstalledEnvironment:
    """The environment `spec` describes, built if it is not ready (or lacks data it could get)."""
    report = listener or _Silent()
    interpreter = find_interpreter(spec.python, python)
    path = env_directory(spec, interpreter.version, root)
    path.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        found = examine(path, spec.name)
        if found.state is EnvState.READY and not found.missing_data:
            report.phase(f"{spec.name}: already prepared in {path}")
            return found
        env_python = _make_venv(interpreter, path, report)
        log = path / LOG_FILE
        requirements = path / REQUIREMENTS_FILE
        requirements.write_text("\n".join(spec.requirements) + "\n")
        report.phase(f"installing {len(spec.requirements)} pinned requirements (log: {log})")
        pip_install(
            env_python,
            [*spec.pip_options, "-r", str(requirements)],
            log,
            lambda progress: report.pip(progress, len(spec.requirements)),
        )
        missing_data = [step.description for step in spec.data if not _fetch(step, path, report)]
        report.phase("checking that every module the benchmark needs imports")
        _check_imports(env_python, spec.imports)
        write_manifest(
            path,
            {
                "name": spec.name,
                "key": spec.key(interpreter.version),
                "python_version": interpreter.version,
                "base_prefix": interpreter.base_prefix,
                "base_site_dirs": list(interpreter.site_dirs),
                "requirements": list(spec.requirements),
                "source": spec.source,
                "installed": _freeze(env_python),
                "missing_data": missing_data,
                "prepared_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            },
        )
    return examine(path, spec.name)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One build of a directory at a time (two `prepare`s would fight over its files)."""
    with (path / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"{path} is being prepared by another process") from None
        yield


def _make_venv(interpreter: Interpreter, path: Path, report: PrepareListener) -> str:
    env_python = path / "bin" / "python"
    if not env_python.exists():
        report.phase(f"creating a Python {interpreter.version} environment in {path}")
        # Without pip of its own: execbench's pip installs into it (`pip --python`), so samples
        # do not see a package manager, and no time goes to bootstrapping one per build.
        argv = [interpreter.path, "-m", "venv", "--without-pip", str(path)]
        _run(argv, f"creating the environment {path}")
    return str(env_python)


def _fetch(step: DataStep, prefix: Path, report: PrepareListener) -> bool:
    """Run one data step unless its result is there; False (with a warning) if it failed."""
    if all((prefix / item).exists() for item in step.check):
        return True
    report.phase(f"fetching {step.description}")
    args = [arg.replace("{prefix}", str(prefix)) for arg in step.args]
    argv = [str(prefix / "bin" / "python"), "-m", step.module, *args]
    with (prefix / LOG_FILE).open("a", encoding="utf-8") as log:
        log.write("$ " + " ".join(argv) + "\n")
        try:
            subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, timeout=_STEP_TIMEOUT_S)
        except (OSError, subprocess.SubprocessError) as exc:
            log.write(f"{exc}\n")
    if all((prefix / item).exists() for item in step.check):
        return True
    report.warn(
        f"could not fetch {step.description} (see {prefix / LOG_FILE}); the packages are "
        "installed, and tasks that need this data will fail until `prepare` is run again "
        "where it can be downloaded"
    )
    return False


_IMPORT_ALL = """
import importlib, json, sys
failed = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"[:300]
print(json.dumps(failed))
"""


def _check_imports(env_python: str, modules: tuple[str, ...]) -> None:
    completed = subprocess.run(
        [env_python, "-I", "-c", _IMPORT_ALL, *modules],
        capture_output=True,
        text=True,
        timeout=_STEP_TIMEOUT_S,
    )
    try:
        failed = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise UserError(f"checking the environment's imports failed: {last}") from None
    if failed:
        listed = "; ".join(f"`import {name}`: {why}" for name, why in failed.items())
        raise UserError(f"the packages are installed, but some imports fail: {listed}")


def _freeze(env_python: str) -> list[str]:
    listed = _run([*pip_command(env_python), "freeze"], "listing the installed packages")
    return sorted(listed.splitlines(), key=str.lower)


def _run(argv: list[str], what: str) -> str:
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=_STEP_TIMEOUT_S)
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise UserError(f"{what} failed: {last}")
    return completed.stdout
