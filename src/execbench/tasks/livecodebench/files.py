"""Finding LiveCodeBench's published files, and reading them as its official code does.

LiveCodeBench publishes each scenario as a Hugging Face dataset; users download them with
`huggingface-cli download livecodebench/<name> --repo-type dataset`. A scenario's files are looked
for, in order: under `--data` (a directory, or one file), under `EXECBENCH_DATA_DIR/livecodebench/
<name>/`, then in the Hugging Face hub cache (`datasets--livecodebench--<name>/snapshots/<rev>/`,
the revision `refs/main` names, else the newest). Nothing is downloaded here.

Files are JSON lines (code generation) or Parquet (test output prediction, code execution; read
with pyarrow, an optional extra), or JSON lines a user exported from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from execbench.core import UserError
from execbench.tasks.base import LoadOptions
from execbench.tasks.jsonl import read_jsonl

DATA_SUFFIXES = (".jsonl", ".parquet")


@dataclass(frozen=True)
class Dataset:
    """One of LiveCodeBench's Hugging Face datasets."""

    name: str  # e.g. code_generation_lite

    @property
    def repo(self) -> str:
        return f"livecodebench/{self.name}"

    def download_hint(self) -> str:
        return (
            f"download it with `huggingface-cli download {self.repo} --repo-type dataset` "
            "(it lands in the Hugging Face cache, where execbench finds it), or pass --data "
            "with the directory or a file of it"
        )


def located(dataset: Dataset, options: LoadOptions) -> Path:
    """The directory (or the single file given with --data) holding the dataset's files."""
    if options.data is not None:
        if not options.data.exists():
            raise UserError(f"--data {options.data}: no such file or directory")
        return options.data
    if options.data_dir is not None:
        candidate = options.data_dir / "livecodebench" / dataset.name
        if candidate.is_dir():
            return candidate
    if options.hf_hub_cache is not None:
        snapshot = hub_snapshot(options.hf_hub_cache, dataset.repo)
        if snapshot is not None:
            return snapshot
    raise UserError(f"LiveCodeBench's {dataset.repo} is not here: {dataset.download_hint()}")


def hub_snapshot(cache: Path, repo: str) -> Path | None:
    """The snapshot directory of a dataset repository in the Hugging Face hub cache."""
    root = cache / f"datasets--{repo.replace('/', '--')}"
    snapshots = root / "snapshots"
    if not snapshots.is_dir():
        return None
    ref = root / "refs" / "main"
    if ref.is_file():
        named = snapshots / ref.read_text().strip()
        if named.is_dir():
            return named
    found = [path for path in snapshots.iterdir() if path.is_dir()]
    return max(found, key=lambda path: path.stat().st_mtime) if found else None


def data_files(place: Path) -> list[Path]:
    """Every data file in a dataset directory (any depth: Parquet files sit in data/), in order."""
    if place.is_file():
        return [place]
    files = sorted(p for p in place.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES)
    if not files:
        raise UserError(f"{place}: no .jsonl or .parquet files")
    return files


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line or row number, record) of a JSON-lines or Parquet file; dates as ISO text."""
    if path.suffix != ".parquet":
        yield from read_jsonl(path)
        return
    try:
        import pyarrow.parquet as parquet
    except ImportError as exc:
        raise UserError(
            f"{path}: reading Parquet needs pyarrow: pip install -e '.[livecodebench]' "
            "(or export the dataset to JSON lines and pass that file with --data)"
        ) from exc
    try:
        rows = parquet.read_table(path).to_pylist()
    except Exception as exc:  # pyarrow's errors have no common base worth naming
        raise UserError(f"{path}: not a readable Parquet file: {exc}") from exc
    for number, row in enumerate(rows, start=1):
        yield number, {key: _plain(value) for key, value in row.items()}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def contest_day(value: Any, path: Path, line: int) -> str:
    """The ISO day of a `contest_date` (ISO text, as published)."""
    try:
        return datetime.fromisoformat(str(value)).date().isoformat()
    except ValueError as exc:
        raise UserError(f"{path}:{line}: field 'contest_date': not an ISO date: {value!r}") from exc
