"""Where the registered languages' toolchains are installed: what a sandbox must show of the host.

The sandbox shows system directories and these, never a whole /opt or home (package mirrors,
other software, credentials). Found without running any tool, once per process.
"""

from __future__ import annotations

import functools
import os

from execbench.languages import all_languages
from execbench.languages.base import locate_tool


@functools.cache
def toolchain_dirs() -> tuple[str, ...]:
    """For every language whose tools are installed: the directories holding its tools and the
    files they require, each tool's installation prefix, and the spec's own `host_dirs`."""
    found: set[str] = set()
    for spec in all_languages().values():
        found.update(path for path in spec.host_dirs if os.path.isdir(path))
        for tool in spec.tools:
            path = locate_tool(tool)
            if path is not None:
                found.update(_installation(path))
                found.update(os.path.dirname(os.path.realpath(file)) for file in tool.requires)
    return tuple(sorted(path for path in found if os.path.isdir(path)))


def _installation(tool_path: str) -> list[str]:
    """The directory a tool is run from, and the installation it resolves into: the prefix of a
    `bin` directory beside a `lib` one (a toolchain's sysroot), else the binary's directory."""
    real = os.path.dirname(os.path.realpath(tool_path))
    prefix = os.path.dirname(real)
    if os.path.basename(real) == "bin" and os.path.isdir(os.path.join(prefix, "lib")):
        real = prefix
    return [os.path.dirname(tool_path), real]
