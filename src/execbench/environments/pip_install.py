"""Running pip into an environment: its output read as progress, its failure read for the package.

pip's output is line-oriented and stable enough to follow: "Collecting NAME" for each
requirement it resolves, "Installing collected packages: ..." once it installs, and an "ERROR:"
or a "Failed to build"/"Building wheel for NAME" line naming what went wrong. The whole log is
kept in the environment's directory; the error quotes its decisive lines.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from execbench.core import UserError

_COLLECTING = re.compile(r"^\s*Collecting (\S+)")
_ALREADY = re.compile(r"^\s*Requirement already satisfied: (\S+)")
_INSTALLING = re.compile(r"^\s*Installing collected packages")
# Lines that name the requirement pip could not install, most specific first.
_CULPRITS = (
    re.compile(r"No matching distribution found for (\S+)"),
    re.compile(r"Could not find a version that satisfies the requirement (\S+)"),
    re.compile(r"Failed building wheel for (\S+)"),
    re.compile(r"Failed to build (\S+)"),
    re.compile(r"Building wheel for (\S+) \(pyproject\.toml\) \.\.\. error"),
    re.compile(r"Cannot install (.+?) because these package versions have conflicting"),
    re.compile(r"Invalid requirement: '?([^'\s]+)"),
)
_TAIL_LINES = 6


@dataclass
class PipProgress:
    """What pip has got to: a requirement name per line it announced, and the latest line."""

    seen: int = 0
    installing: bool = False
    last: str = ""


Listener = Callable[[PipProgress], None]


def pip_command(python: str) -> list[str]:
    """execbench's own pip, working on the environment whose interpreter is `python`."""
    return [sys.executable, "-m", "pip", "--python", python]


def pip_install(
    python: str,
    args: Sequence[str],
    log: Path,
    on_progress: Listener | None = None,
) -> None:
    """pip install ARGS into `python`'s environment, every line into `log`; a UserError naming
    the package that failed to install, with pip's own words, if it fails."""
    argv = [*pip_command(python), "install", "--no-input", "--progress-bar", "off", *args]
    progress = PipProgress()
    lines: list[str] = []
    with log.open("a", encoding="utf-8") as record:
        record.write("$ " + " ".join(argv) + "\n")
        process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
        )
        assert process.stdout is not None
        for line in process.stdout:
            record.write(line)
            lines.append(line.rstrip("\n"))
            if _follow(progress, line) and on_progress:
                on_progress(progress)
        status = process.wait()
    if status != 0:
        raise UserError(failure_message(lines, log))


def _follow(progress: PipProgress, line: str) -> bool:
    """Update `progress` from one line of pip's; whether it moved."""
    if _COLLECTING.match(line) or _ALREADY.match(line):
        progress.seen += 1
    elif _INSTALLING.match(line):
        progress.installing = True
    else:
        return False
    progress.last = line.strip()
    return True


def culprit(lines: Sequence[str]) -> str | None:
    """The requirement pip names as the one it could not install, if any line names one."""
    for pattern in _CULPRITS:
        for line in lines:
            if found := pattern.search(line):
                return found.group(1).strip("'\",")
    collecting = [m.group(1) for line in lines if (m := _COLLECTING.match(line))]
    return collecting[-1] if collecting else None


def failure_message(lines: Sequence[str], log: Path) -> str:
    errors = [line.strip() for line in lines if line.lstrip().startswith(("ERROR:", "error:"))]
    quoted = errors[-_TAIL_LINES:] or [line.strip() for line in lines[-_TAIL_LINES:]]
    package = culprit(lines)
    what = f"could not install {package}" if package else "pip failed"
    return f"{what}: " + " / ".join(quoted) + f" (full log: {log})"
