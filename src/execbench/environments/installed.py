"""Environments built in the user cache: where each lives, what state it is in, what it holds.

`~/.cache/execbench/envs/<name>-py<X.Y>-<key>/` is a virtual environment plus `execbench-env.json`,
written last by `prepare`: a directory without it is an unfinished build (`prepare` resumes it).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from execbench.core.cache import user_cache_dir
from execbench.environments.spec import EnvironmentSpec
from execbench.sandbox.runtime import PythonRuntime

MANIFEST = "execbench-env.json"
_FORMAT = 1


class EnvState(StrEnum):
    READY = "ready"
    INCOMPLETE = "incomplete"  # a build was started and did not finish: `prepare` resumes it
    MISSING = "missing"


def envs_root() -> Path:
    return user_cache_dir("envs")


@dataclass(frozen=True)
class InstalledEnvironment:
    name: str
    path: Path
    state: EnvState
    manifest: dict[str, Any]

    @property
    def python(self) -> str:
        return str(self.path / "bin" / "python")

    @property
    def missing_data(self) -> list[str]:
        """Data steps that failed when it was prepared (the packages are all there)."""
        return list(self.manifest.get("missing_data", []))

    def runtime(self) -> PythonRuntime:
        """How the sandbox runs samples with it: its interpreter, its directory and its base
        Python's installation visible read-only, the base's own site-packages hidden. Its build
        is named by the spec's key and by what pip installed (a rebuild may resolve the
        unpinned dependencies anew)."""
        installed = json.dumps(self.manifest.get("installed", []), sort_keys=True)
        digest = hashlib.sha256(installed.encode()).hexdigest()[:12]
        return PythonRuntime(
            python=self.python,
            version=self.manifest["python_version"],
            binds=(str(self.path), self.manifest["base_prefix"]),
            hidden=tuple(self.manifest["base_site_dirs"]),
            name=self.name,
            identity=f"{self.manifest['key']}-{digest}",
        )

    def size_bytes(self) -> int:
        total = 0
        for root, _, files in os.walk(self.path):
            for name in files:
                try:
                    total += os.lstat(os.path.join(root, name)).st_size
                except OSError:
                    continue
        return total


def env_directory(spec: EnvironmentSpec, python_version: str, root: Path | None = None) -> Path:
    return (root or envs_root()) / spec.directory_name(python_version)


def examine(path: Path, name: str) -> InstalledEnvironment:
    manifest_path = path / MANIFEST
    if not path.is_dir():
        return InstalledEnvironment(name, path, EnvState.MISSING, {})
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, json.JSONDecodeError):
        return InstalledEnvironment(name, path, EnvState.INCOMPLETE, {})
    if manifest.get("format") != _FORMAT or not Path(path / "bin" / "python").exists():
        return InstalledEnvironment(name, path, EnvState.INCOMPLETE, manifest)
    return InstalledEnvironment(name, path, EnvState.READY, manifest)


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Written last, atomically: its presence means the build finished."""
    temporary = path / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps({"format": _FORMAT, **manifest}, indent=2) + "\n")
    temporary.replace(path / MANIFEST)


def installed_environments(root: Path | None = None) -> list[InstalledEnvironment]:
    """Every environment directory in the cache, finished or not."""
    base = root or envs_root()
    if not base.is_dir():
        return []
    found = []
    for path in sorted(p for p in base.iterdir() if p.is_dir()):
        name = path.name.split("-py", 1)[0]
        found.append(examine(path, name))
    return found
