"""Helpers for tests that drive the real command line in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from execbench.core import Task


def execbench_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "execbench", *args]


def run_cli(
    *args: str, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        execbench_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def completion_of(task: Task) -> str:
    """The canonical completion: the reference program minus the prompt."""
    assert task.reference.startswith(task.prompt)
    return task.reference[len(task.prompt) :]
