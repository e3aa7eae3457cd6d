"""Finding the Python an environment is built on: the version its benchmark's harness runs on."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from execbench.core import UserError

# Where interpreter managers put the versions they install, besides the PATH.
_MANAGED = (
    "~/.pyenv/versions/{v}*/bin/python{v}",
    "~/.local/share/uv/python/cpython-{v}*/bin/python{v}",
    "/opt/python/{v}*/bin/python{v}",
    "/usr/local/bin/python{v}",
    "/usr/bin/python{v}",
)
_DESCRIBE = (
    "import json, site, sys; print(json.dumps({'version': '%d.%d' % sys.version_info[:2], "
    "'base_prefix': sys.base_prefix, 'site': site.getsitepackages()}))"
)


@dataclass(frozen=True)
class Interpreter:
    path: str
    version: str  # "3.10"
    base_prefix: str  # its installation, shown read-only to samples
    site_dirs: tuple[str, ...]  # its own site-packages: hidden from samples


def describe(path: str) -> Interpreter:
    """What `path` is; a UserError if it is not a working Python."""
    try:
        completed = subprocess.run(
            [path, "-I", "-c", _DESCRIBE], capture_output=True, text=True, timeout=60, check=True
        )
        facts = json.loads(completed.stdout)
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError) as exc:
        raise UserError(f"{path} is not a Python interpreter that runs here: {exc}") from exc
    return Interpreter(
        path=path,
        version=facts["version"],
        base_prefix=os.path.realpath(facts["base_prefix"]),
        site_dirs=tuple(os.path.realpath(p) for p in facts["site"]),
    )


def find_interpreter(version: str | None, explicit: str | None = None) -> Interpreter:
    """The interpreter to build on: `explicit` if given, else one of `version` found here (the
    running one when `version` is None or is its own)."""
    if explicit:
        return describe(explicit)
    running = "{}.{}".format(*sys.version_info[:2])
    if version is None or version == running:
        return describe(sys.executable)
    for candidate in _candidates(version):
        try:
            found = describe(candidate)
        except UserError:
            continue  # a shim that does not run here (pyenv's, for a version not selected)
        if found.version == version:
            return found
    raise UserError(
        f"this environment runs on Python {version}, as its benchmark's own harness does, and no "
        f"python{version} was found on the PATH or in pyenv/uv: install one (e.g. `uv python "
        f"install {version}` or `pyenv install {version}`) or name it with --python PATH"
    )


def _candidates(version: str) -> list[str]:
    found = [path for path in [shutil.which(f"python{version}")] if path]
    for pattern in _MANAGED:
        found.extend(sorted(glob.glob(os.path.expanduser(pattern.format(v=version)))))
    return [path for path in dict.fromkeys(found) if Path(path).is_file()]
