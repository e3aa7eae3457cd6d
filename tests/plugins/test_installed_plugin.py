"""A third-party plug-in, installed with pip, adds a benchmark and a sandbox backend.

The package is written here, with entry points in its pyproject, and pip installs it (offline,
built by the environment's setuptools) into a virtual environment of its own that sees this
one's packages, execbench included. Everything then runs through that environment's `execbench`,
so the judge workers, fresh interpreters, must find the plug-in by themselves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

PYPROJECT = """
    [build-system]
    requires = ["setuptools"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "execbench-plugin-demo"
    version = "0.1"

    [project.entry-points."execbench.benchmarks"]
    plugin-bench = "plugin_demo.bench"

    [project.entry-points."execbench.sandboxes"]
    plugin-sandbox = "plugin_demo.sandbox:PluginSandbox"

    [tool.setuptools]
    packages = ["plugin_demo"]
"""

BENCH = """
    from execbench.core import CallCase, CallTests, Task
    from execbench.tasks import Benchmark, register_benchmark

    PROMPT = "def add(a, b):\\n"


    @register_benchmark
    class PluginBench(Benchmark):
        name = "plugin-bench"
        description = "Two additions, from a plug-in."

        def load(self, options):
            cases = ((CallCase((1, 2), 3),), (CallCase((-4, 4), 0), CallCase((2, 2), 4)))
            return [
                Task(
                    task_id=f"plugin/{number}",
                    benchmark=self.name,
                    prompt=PROMPT,
                    tests=CallTests("add", case_list),
                    reference=PROMPT + "    return a + b\\n",
                    entry_point="add",
                    completion_prefix=PROMPT,
                )
                for number, case_list in enumerate(cases)
            ]
"""

SANDBOX = """
    import os
    import sys

    from execbench.sandbox import register_sandbox
    from execbench.sandbox.process import ProcessSandbox


    @register_sandbox("plugin-sandbox")
    class PluginSandbox(ProcessSandbox):
        '''The process backend, noting each session it opens and the process that opened it.'''

        name = "plugin-sandbox"

        def open_python(self, limits):
            with open(os.environ["PLUGIN_SANDBOX_LOG"], "a") as log:
                log.write(f"{os.getpid()} {sys.argv[0]}\\n")
            return super().open_python(limits)
"""


@pytest.fixture(scope="module")
def plugin_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh venv holding the plug-in, over this environment's packages."""
    root = tmp_path_factory.mktemp("plugin")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # A .pth line starting with `import` runs at start-up: this environment's site directory is
    # added with its own .pth files (the editable execbench's among them), pip and setuptools too.
    ours = sysconfig.get_paths()["purelib"]
    theirs = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(theirs, "over-execbench.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    package = root / "execbench-plugin-demo"
    (package / "plugin_demo").mkdir(parents=True)
    (package / "pyproject.toml").write_text(textwrap.dedent(PYPROJECT))
    (package / "plugin_demo" / "__init__.py").write_text("")
    (package / "plugin_demo" / "bench.py").write_text(textwrap.dedent(BENCH))
    (package / "plugin_demo" / "sandbox.py").write_text(textwrap.dedent(SANDBOX))
    install = [python, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation"]
    subprocess.run(
        [*install, "--no-deps", "--disable-pip-version-check", str(package)],
        check=True,
        capture_output=True,
    )
    return python


def execbench(python: Path, *args: str, log: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "execbench", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PLUGIN_SANDBOX_LOG": str(log)},
    )


def test_the_plugin_benchmark_and_sandbox_are_listed(plugin_python, tmp_path) -> None:
    listed = execbench(plugin_python, "benchmarks", "--json", log=tmp_path / "log")
    assert listed.returncode == 0, listed.stderr
    benchmarks = {info["name"]: info for info in json.loads(listed.stdout)["benchmarks"]}
    assert benchmarks["plugin-bench"]["n_tasks"] == 2
    assert "humaneval" in benchmarks  # the built-ins are still there beside it
    doctor = execbench(plugin_python, "doctor", "--json", log=tmp_path / "log")
    assert "plugin-sandbox" in json.loads(doctor.stdout)["backends"]


def test_a_run_passes_with_verdicts_reached_in_workers_through_the_plugin_sandbox(
    plugin_python, tmp_path
) -> None:
    log = tmp_path / "sessions.log"
    args = ["run", "-b", "plugin-bench", "-m", "reference", "--sandbox", "plugin-sandbox"]
    result = execbench(plugin_python, *args, "--out", str(tmp_path / "out"), "--json", log=log)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["status_counts"] == {"passed": 2}
    assert summary["pass_at_k"] == {"1": 1.0}
    assert summary["sandbox"] == "plugin-sandbox"
    sessions = [line.split() for line in log.read_text().splitlines()]
    assert len(sessions) >= 2  # a session per sample at least (calibration adds its own)
    assert all(program.endswith("engine/worker.py") for _, program in sessions)


def test_without_the_plugin_the_names_are_unknown(tmp_path) -> None:
    """The same commands in this environment, where the plug-in is not installed."""
    result = execbench(Path(sys.executable), "run", "-b", "plugin-bench", "-m", "reference",
                       log=tmp_path / "log")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: unknown benchmark 'plugin-bench'; available: ")
