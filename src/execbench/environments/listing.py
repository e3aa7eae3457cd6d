"""What `execbench env list` shows: every declared environment, and every build in the cache."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from execbench.environments.catalog import declared_environments, environment_status
from execbench.environments.installed import examine, installed_environments


@dataclass(frozen=True)
class EnvironmentRow:
    name: str
    state: str
    python: str
    path: str
    size_bytes: int


def environment_rows(root: Path | None = None) -> list[EnvironmentRow]:
    """One row per declared environment (its current build, or where it would go), then one per
    other build in the cache (older requirements, another Python, unfinished)."""
    rows = []
    shown: set[str] = set()
    for spec in declared_environments().values():
        status = environment_status(spec, root)
        path = Path(status.path)
        size = examine(path, spec.name).size_bytes() if path.is_dir() else 0
        rows.append(EnvironmentRow(spec.name, status.state, status.python, status.path, size))
        shown.add(status.path)
    for env in installed_environments(root):
        if str(env.path) not in shown:
            python = str(env.manifest.get("python_version", "?"))
            state = f"{env.state} (not the declared build)"
            rows.append(EnvironmentRow(env.name, state, python, str(env.path), env.size_bytes()))
    return rows
