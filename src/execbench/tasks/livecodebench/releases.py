"""LiveCodeBench's release names, with the meaning its dataset's loading script gives them
(code_generation_lite.py, `ALLOWED_FILES`):

- `release_v1` ... `release_v6`: cumulative, test.jsonl through testN.jsonl (400, 511, 612, 713,
  880 and 1055 problems);
- `release_latest` (the default, as in lcb_runner): every release file (here: every one present,
  test.jsonl, test2.jsonl... up to the first missing);
- `v1` ... `v6`: the problems new in that release alone (testN.jsonl);
- `vA_vB` (A < B): the problems new in releases A to B.
"""

from __future__ import annotations

import re
from pathlib import Path

from execbench.core import UserError

PUBLISHED = 6
LATEST = "release_latest"
VERSIONS = (
    LATEST,
    *(f"release_v{n}" for n in range(1, PUBLISHED + 1)),
    *(f"v{n}" for n in range(1, PUBLISHED + 1)),
)
_CUMULATIVE = re.compile(r"release_v([1-9]\d*)")
_SINGLE = re.compile(r"v([1-9]\d*)")
_RANGE = re.compile(r"v([1-9]\d*)_v([1-9]\d*)")


def release_file(number: int) -> str:
    return "test.jsonl" if number == 1 else f"test{number}.jsonl"


def release_numbers(version: str) -> list[int] | None:
    """The release files' numbers a version name stands for; None for the latest."""
    name = version.strip().lower()
    if name == LATEST:
        return None
    if found := _CUMULATIVE.fullmatch(name):
        return list(range(1, int(found.group(1)) + 1))
    if found := _SINGLE.fullmatch(name):
        return [int(found.group(1))]
    if (found := _RANGE.fullmatch(name)) and int(found.group(1)) < int(found.group(2)):
        return list(range(int(found.group(1)), int(found.group(2)) + 1))
    raise UserError(
        f"--release {version}: expected release_latest, release_vN (cumulative), vN (that "
        "release's new problems) or vA_vB"
    )


def release_paths(place: Path, version: str | None, hint: str) -> list[Path]:
    """The files of a release in a dataset directory; a file given alone is used alone."""
    if place.is_file():
        if version is not None:
            raise UserError(f"--release chooses files in a directory; --data {place} is one file")
        return [place]
    numbers = release_numbers(version or LATEST)
    if numbers is None:
        paths: list[Path] = []
        while (place / release_file(len(paths) + 1)).is_file():
            paths.append(place / release_file(len(paths) + 1))
        if not paths:
            raise UserError(f"{place}: no {release_file(1)}; {hint}")
        return paths
    paths = [place / release_file(n) for n in numbers]
    missing = [path.name for path in paths if not path.is_file()]
    if missing:
        raise UserError(f"{place}: --release {version} needs {', '.join(missing)}; {hint}")
    return paths
