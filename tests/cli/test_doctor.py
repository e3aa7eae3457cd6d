"""`execbench doctor`: the isolation layers of this machine, as root and as an unprivileged user."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import REPO_ROOT
from tests.support import run_cli

NOBODY = 65534
SOURCES = REPO_ROOT / "src"


def test_doctor_json_names_every_layer():
    done = run_cli("doctor", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["sandbox"] == "namespace"
    assert {"namespace", "process", "none"} <= set(report["backends"])
    for layer, status in report["layers"].items():
        assert status["active"] or status["reason"], layer


def test_doctor_table_for_the_process_backend_says_what_is_missing():
    done = run_cli("doctor", "--sandbox", "process")
    assert done.returncode == 0, done.stderr
    assert "not provided by the 'process' backend" in done.stdout


UNPRIVILEGED_SCRIPT = """
import json, warnings
from execbench.core import Limits
from execbench.sandbox import make_sandbox
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    box = make_sandbox("namespace")
    with box.open_python(Limits(cpu_s=2, wall_s=20, memory_mb=256)) as session:
        session.load("def double(x):\\n    return 2 * x\\n")
        value = session.call("double", [21], {}).value
    layers = box.layers()
    box.close()
print(json.dumps({"value": value, "layers": layers, "warnings": [str(w.message) for w in caught]}))
"""


def _system_python() -> str | None:
    # The checkout's interpreter may live in root's home, out of an unprivileged user's reach;
    # the sandbox needs only the standard library, so the system Python will do.
    python = shutil.which("python3", path="/usr/bin:/bin")
    return python if python and os.access(python, os.X_OK) else None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become an unprivileged user")
@pytest.mark.skipif(_system_python() is None, reason="no system python3")
def test_an_unprivileged_user_gets_warnings_naming_what_is_missing(tmp_path):
    tmp_path.chmod(0o777)

    def become_nobody() -> None:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)

    done = subprocess.run(
        [_system_python(), "-c", UNPRIVILEGED_SCRIPT],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(SOURCES)},
        cwd=tmp_path,
        preexec_fn=become_nobody,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["value"] == 42
    # No cgroup this user may write: the layer is off, with its reason, and a warning says so.
    assert "writable" in found["layers"]["cgroup-memory"]
    assert any("cgroup-memory isolation is OFF" in warning for warning in found["warnings"])
    # Namespaces need no privilege where the kernel allows unprivileged user namespaces.
    assert found["layers"]["user"] == found["layers"]["pid"] == found["layers"]["network"]
