"""The environments the registered benchmarks declare, found by environment or benchmark name.

Whether a run can start: a benchmark that declares an environment runs its samples there, and
a run of it stops before judging anything when that environment is not prepared. A missing
package is then the harness's problem to report, never a wrong answer of the model's: that is
the two-level outcome principle (docs/environments.md).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from execbench.core import UserError
from execbench.environments import EnvState, InstalledEnvironment, find_prepared
from execbench.environments.installed import env_directory
from execbench.environments.spec import EnvironmentSpec
from execbench.sandbox.runtime import PythonRuntime
from execbench.tasks import all_benchmarks, get_benchmark


def declared_environments() -> dict[str, EnvironmentSpec]:
    """Every environment a registered benchmark declares, by its name."""
    found: dict[str, EnvironmentSpec] = {}
    for cls in all_benchmarks().values():
        if cls.environment is not None:
            found.setdefault(cls.environment.name, cls.environment)
    return dict(sorted(found.items()))


def environment_named(name: str) -> EnvironmentSpec:
    """The environment called `name`, or the one the benchmark called `name` declares."""
    declared = declared_environments()
    if name in declared:
        return declared[name]
    try:
        spec = get_benchmark(name).environment
    except UserError:
        spec = None
    if spec is None:
        known = ", ".join(declared) or "none"
        raise UserError(f"no benchmark environment called {name!r}; declared: {known}")
    return spec


def prepare_command(spec: EnvironmentSpec) -> str:
    return f"execbench env prepare {spec.name}"


def benchmark_runtime(benchmark: str, root: Path | None = None) -> PythonRuntime | None:
    """The runtime `benchmark`'s samples run with (None: execbench's own Python); a UserError
    naming the command to run when its environment is not prepared."""
    spec = get_benchmark(benchmark).environment
    if spec is None:
        return None
    return _prepared_runtime(
        spec, f"{benchmark} runs its samples with the packages its authors pinned", root
    )


def environment_runtime(name: str, root: Path | None = None) -> PythonRuntime:
    """The runtime of the environment (or of the benchmark's environment) called `name`; a
    UserError naming the command to run when it is not prepared."""
    spec = environment_named(name)
    return _prepared_runtime(spec, f"the {spec.name} environment was asked for", root)


def _prepared_runtime(spec: EnvironmentSpec, why: str, root: Path | None) -> PythonRuntime:
    prepared = find_prepared(spec, root)
    if prepared is None:
        raise UserError(
            f"{why}, and that environment is not prepared here: run "
            f"`{prepare_command(spec)}` first (once)"
        )
    return prepared.runtime()


@dataclass(frozen=True)
class EnvironmentStatus:
    name: str
    state: str  # an EnvState, or "ready, missing data: ..."
    path: str
    python: str


def environment_status(spec: EnvironmentSpec, root: Path | None = None) -> EnvironmentStatus:
    """Where `spec`'s build is (or would be), and whether it is ready."""
    prepared = find_prepared(spec, root)
    if prepared is not None:
        return EnvironmentStatus(
            spec.name, _state(prepared), str(prepared.path), prepared.manifest["python_version"]
        )
    version = spec.python or "{}.{}".format(*sys.version_info[:2])
    path = env_directory(spec, version, root)
    state = EnvState.INCOMPLETE if path.is_dir() else EnvState.MISSING
    return EnvironmentStatus(spec.name, str(state), str(path), version)


def _state(env: InstalledEnvironment) -> str:
    if env.missing_data:
        return f"{env.state}, missing data: {', '.join(env.missing_data)}"
    return str(env.state)
