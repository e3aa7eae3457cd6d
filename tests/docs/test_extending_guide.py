"""docs/extending.md's examples run: its `# file:` blocks are written out, its other Python
blocks run in order as one script beside them, and its entry points name those files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from execbench.core.registry import ENTRY_POINT_GROUPS

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "extending.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
FILE_LINE = re.compile(r"# file: (\S+)\n")


def blocks(language: str) -> list[str]:
    return [body for tag, body in FENCE.findall(GUIDE.read_text()) if tag == language]


def modules_and_script() -> tuple[dict[str, str], str]:
    modules, script = {}, []
    for body in blocks("python"):
        named = FILE_LINE.match(body)
        if named:
            modules[named.group(1)] = body
        else:
            script.append(body)
    return modules, "\n".join(script)


def test_every_kind_of_extension_has_a_module_and_a_check() -> None:
    modules, script = modules_and_script()
    assert set(modules) == {
        "additions.py",
        "awk_language.py",
        "canned_model.py",
        "solved_metric.py",
        "traced_sandbox.py",
    }
    for name in modules:
        assert f"import {name.removesuffix('.py')}" in script


def test_the_entry_points_name_the_guides_modules_in_execbench_groups() -> None:
    modules, _ = modules_and_script()
    (pyproject,) = blocks("toml")
    groups = tomllib.loads(pyproject)["project"]["entry-points"]
    assert set(groups) <= set(ENTRY_POINT_GROUPS)
    named = {value for entries in groups.values() for value in entries.values()}
    assert named == {name.removesuffix(".py") for name in modules}


def test_the_examples_run(tmp_path) -> None:
    modules, script = modules_and_script()
    for name, source in modules.items():
        (tmp_path / name).write_text(source)
    (tmp_path / "guide.py").write_text(script)
    result = subprocess.run(
        [sys.executable, "guide.py"],
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
