"""Per-benchmark sample environments: pinned packages, built once into the user cache.

A benchmark declares an `EnvironmentSpec`; `prepare_environment` builds it; `find_prepared`
finds a finished build for a run, whose `runtime()` the sandbox runs samples with.
"""

from __future__ import annotations

from pathlib import Path

from execbench.environments.installed import (
    EnvState,
    InstalledEnvironment,
    envs_root,
    installed_environments,
)
from execbench.environments.prepare import PrepareListener, prepare_environment
from execbench.environments.spec import DataStep, EnvironmentSpec


def find_prepared(spec: EnvironmentSpec, root: Path | None = None) -> InstalledEnvironment | None:
    """A finished build of `spec` (on its declared Python if there are several), or None."""
    builds = [
        env
        for env in installed_environments(root)
        if env.state is EnvState.READY
        and env.manifest.get("name") == spec.name
        and env.manifest.get("key") == spec.key(env.manifest.get("python_version", ""))
    ]
    builds.sort(key=lambda env: env.manifest.get("python_version") != spec.python)
    return builds[0] if builds else None


__all__ = [
    "DataStep",
    "EnvState",
    "EnvironmentSpec",
    "InstalledEnvironment",
    "PrepareListener",
    "envs_root",
    "find_prepared",
    "installed_environments",
    "prepare_environment",
]
