"""Samples run with their benchmark's environment: importable, read-only, on its own Python."""

from __future__ import annotations

import pytest

from execbench.core import Limits, UserError
from execbench.environments import InstalledEnvironment, prepare_environment
from execbench.environments.interpreters import find_interpreter
from execbench.judge.runnable import python_argv
from execbench.sandbox import CallStatus, make_sandbox
from tests.environments.conftest import TINY_MODULE, tiny_spec

LIMITS = Limits(cpu_s=5, wall_s=20)
READ_BACK = f"import {TINY_MODULE}; print({TINY_MODULE}.ANSWER)"
# Where the package lives, and whether the sample can change it.
TAMPER = f"""
import {TINY_MODULE}, os
target = os.path.join(os.path.dirname({TINY_MODULE}.__file__), "__init__.py")
try:
    open(target, "a").write("ANSWER = 0")
    print("written")
except OSError as exc:
    print("refused", exc.errno)
"""


def _run(sandbox, source: str):
    files = {"main.py": source.encode()}
    return sandbox.run(python_argv("main.py", sandbox), LIMITS, files)


@pytest.mark.parametrize("backend", ["namespace", "process"])
def test_a_program_imports_the_environments_package(backend, tiny_env: InstalledEnvironment):
    with_env = make_sandbox(backend, tiny_env.runtime())
    without = make_sandbox(backend)
    try:
        assert _run(with_env, READ_BACK).stdout == "42\n"
        assert "ModuleNotFoundError" in _run(without, READ_BACK).stderr
    finally:
        with_env.close()
        without.close()


def test_a_python_session_loads_a_program_that_imports_it(tiny_env: InstalledEnvironment):
    sandbox = make_sandbox("namespace", tiny_env.runtime())
    try:
        with sandbox.open_python(LIMITS) as session:
            assert session.load(f"import {TINY_MODULE}\n").status is CallStatus.OK
            outcome = session.call("getattr", [], {})  # no such function: raised, not died
            assert outcome.status is CallStatus.RAISED
    finally:
        sandbox.close()


def test_the_environment_is_read_only_inside_the_sandbox(tiny_env: InstalledEnvironment):
    sandbox = make_sandbox("namespace", tiny_env.runtime())
    try:
        assert _run(sandbox, TAMPER).stdout.startswith("refused")
    finally:
        sandbox.close()


def test_an_environment_on_python_3_10_runs_sessions_and_programs(wheels, tmp_path):
    """The fork server and the session worker run on the environment's own Python (BigCodeBench's
    and ClassEval's harnesses run on 3.10)."""
    try:
        find_interpreter("3.10")
    except UserError as exc:
        pytest.skip(str(exc))
    spec = tiny_spec(wheels, name="tiny310", python="3.10")
    env = prepare_environment(spec, root=tmp_path / "envs")
    sandbox = make_sandbox("namespace", env.runtime())
    try:
        ran = _run(sandbox, "import sys; print(sys.version_info[:2])\n" + READ_BACK)
        assert ran.stdout == "(3, 10)\n42\n", ran.stderr
        with sandbox.open_python(LIMITS) as session:
            assert session.load("def f(x):\n    return [x, b'b', 2j, {1}]\n").status.value == "ok"
            assert session.call("f", [1], {}).value == [1, b"b", 2j, {1}]
    finally:
        sandbox.close()
