"""The code that runs inside the sandbox imports nothing but the standard library and itself."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from execbench.core import Limits
from execbench.sandbox import inside
from execbench.sandbox.inside.frames import read_frame, write_frame

INSIDE = Path(inside.DIRECTORY)
MODULES = sorted(path.stem for path in INSIDE.glob("*.py"))

# Under a guard that refuses any top-level name but the standard library's and the package's:
# starts a Python session through __main__.py as the trusted side does (it ends at once, with no
# request), imports the package's other modules, and prints every module loaded.
IMPORT_ALL = """
import importlib, json, os, runpy, sys

directory, limits, others = sys.argv[1], sys.argv[2], sys.argv[3:]

class Guard:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top not in ("inside", "__main__") and top not in sys.stdlib_module_names:
            raise ImportError(f"the sandbox's code imports {name!r}")
        return None

sys.meta_path.insert(0, Guard())
request_read, request_write = os.pipe()
os.close(request_write)
_, reply_write = os.pipe()
sys.argv = [directory, "py_worker", str(request_read), str(reply_write), limits]
runpy.run_path(directory, run_name="__main__")
for name in others:
    importlib.import_module("inside." + name)
print(json.dumps(sorted(sys.modules)))
"""


def _imported_names(path: Path) -> list[tuple[str, int]]:
    """(top-level module name, relative level) of every import statement in `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name.partition(".")[0], 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(((node.module or "").partition(".")[0], node.level))
    return found


# Third-party packages a runner may import, bound read-only into the sandbox for it alone (the
# test runner measures coverage with coverage.py when a job asks; judge/test_run.py warms it).
ALLOWED_PACKAGES = {"test_runner": {"coverage"}}


@pytest.mark.parametrize("module", MODULES)
def test_every_import_statement_names_the_standard_library_or_the_package(module):
    foreign = [
        name
        for name, level in _imported_names(INSIDE / f"{module}.py")
        if level == 0 and name != "__future__" and name not in sys.stdlib_module_names
    ]
    assert set(foreign) <= ALLOWED_PACKAGES.get(module, set())


def test_the_package_imports_under_an_interpreter_that_has_only_the_standard_library():
    # -I -S: no site-packages, no user or environment paths; execbench itself is not importable.
    entries = [name for name in MODULES if name not in ("__init__", "__main__")]
    limits = json.dumps(asdict(Limits()))
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", IMPORT_ALL, str(INSIDE), limits, *entries],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert {f"inside.{name}" for name in entries} <= set(loaded)
    others = [
        name
        for name in loaded
        if name.partition(".")[0] not in {"inside", "__main__", *sys.stdlib_module_names}
    ]
    assert others == []


def test_a_python_session_starts_from_the_package_without_site_packages():
    """The entry point the trusted side runs (`inside.command`), under -I -S, speaks the frame
    codec the trusted side imports from the same package."""
    request_read, request_write = os.pipe()
    reply_read, reply_write = os.pipe()
    argv = inside.command(
        sys.executable,
        "py_worker",
        str(request_read),
        str(reply_write),
        json.dumps(asdict(Limits(cpu_s=5.0, wall_s=10.0))),
    )
    assert argv[1] == "-s"
    worker = subprocess.Popen(
        [argv[0], "-I", "-S", *argv[2:]], pass_fds=(request_read, reply_write), cwd="/"
    )
    os.close(request_read)
    os.close(reply_write)
    try:
        program = (
            "import importlib.util\n"
            "def f(x):\n    return [x, x * 2]\n"
            "def bare(name):\n    return importlib.util.find_spec(name) is not None\n"
        )
        requests = [
            ["load", program],
            ["call", "f", ["L", 21], {}],
            # The package's modules are not importable by a bare name from the candidate.
            ["call", "bare", ["L", "frames"], {}],
        ]
        for request in requests:
            write_frame(request_write, json.dumps(request).encode())
        replies = [json.loads(read_frame(reply_read) or b"null") for _ in requests]
    finally:
        os.close(request_write)
        worker.wait(timeout=30)
        os.close(reply_read)
    assert replies == [["ok", None], ["ok", ["L", 21, 42]], ["ok", False]]


def test_only_the_package_s_entry_points_can_be_started():
    with pytest.raises(ValueError, match="entry points"):
        inside.command(sys.executable, "sample")


@pytest.mark.parametrize("seed", [None, "1", "0"])
def test_the_fork_server_refuses_to_start_without_the_samples_hash_seed(seed):
    """Its samples are forks of it: a seed set only for them would never take effect."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONHASHSEED"}
    if seed is not None:
        environment["PYTHONHASHSEED"] = seed
    check = "from execbench.sandbox.inside.zygote import require_hash_seed; require_hash_seed('0')"
    done = subprocess.run(
        [sys.executable, "-c", check], env=environment, capture_output=True, text=True, check=False
    )
    if seed == "0":
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 1 and "not the samples' '0'" in done.stderr
