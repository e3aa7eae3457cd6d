"""Where a benchmark's data file comes from: pinned by sha256, cached, or given locally offline.

Resolution order: an explicit `--data` file; `EXECBENCH_DATA_DIR/<relpath>`; a file shipped inside
an installed package; the user cache; a download from the dataset's public home (verified, then
cached). A file whose hash is not pinned is refused, except an explicit `--data` file, which is the
user's own choice and is used as given (its hash is reported).
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import httpx

from execbench.core import UserError
from execbench.core.cache import user_cache_dir
from execbench.tasks.base import LoadOptions


@dataclass(frozen=True)
class DataFile:
    """A pinned dataset file.

    `relpath` is its place in a data directory laid out like the project's shared datasets.
    `sha256` holds every accepted digest: of the file as stored, or of its decompressed content
    (so the same data in .jsonl and .jsonl.gz form both verify).
    """

    relpath: str
    sha256: frozenset[str]
    url: str | None = None
    package_resource: tuple[str, str] | None = None
    license: str = ""
    notes: str = field(default="", compare=False)


def default_cache_dir() -> Path:
    return user_cache_dir("datasets")


def digests(path: Path) -> set[str]:
    raw = path.read_bytes()
    found = {hashlib.sha256(raw).hexdigest()}
    if raw[:2] == b"\x1f\x8b":
        found.add(hashlib.sha256(gzip.decompress(raw)).hexdigest())
    return found


def _verified(path: Path, spec: DataFile) -> bool:
    return bool(digests(path) & spec.sha256)


def resolve(spec: DataFile, options: LoadOptions) -> Path:
    """The local path of a verified copy of `spec`, fetching it into the cache if allowed."""
    if options.data is not None:
        if not options.data.is_file():
            raise UserError(f"--data {options.data}: no such file")
        return options.data

    data_dir = options.data_dir
    if data_dir is not None:
        candidate = data_dir / spec.relpath
        if candidate.is_file():
            if not _verified(candidate, spec):
                raise UserError(
                    f"{candidate}: sha256 does not match the pinned digest for {spec.relpath}"
                )
            return candidate

    if spec.package_resource is not None:
        package, name = spec.package_resource
        try:
            shipped = Path(str(resources.files(package).joinpath(name)))
        except ModuleNotFoundError:
            shipped = None
        if shipped is not None and shipped.is_file() and _verified(shipped, spec):
            return shipped

    cache_dir = options.cache_dir or default_cache_dir()
    cached = cache_dir / spec.relpath
    if cached.is_file() and _verified(cached, spec):
        return cached

    if spec.url is None or options.offline:
        raise UserError(
            f"dataset file {spec.relpath} is not available offline: {_local_copy(spec)}"
        )
    return _download(spec, cached)


def _local_copy(spec: DataFile) -> str:
    """How to give a dataset file by hand, where it cannot be fetched."""
    return f"pass --data PATH or set EXECBENCH_DATA_DIR to a directory holding {spec.relpath}"


def _download(spec: DataFile, target: Path) -> Path:
    assert spec.url is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with httpx.stream("GET", spec.url, follow_redirects=True, timeout=60.0) as response:
            response.raise_for_status()
            with partial.open("wb") as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(
            f"could not download dataset file {spec.relpath} from {spec.url} ({exc}): "
            f"{_local_copy(spec)}"
        ) from exc
    if not _verified(partial, spec):
        got = ", ".join(sorted(digests(partial)))
        partial.unlink(missing_ok=True)
        raise UserError(
            f"{spec.url}: sha256 {got} does not match the pinned digest of {spec.relpath}: "
            f"{_local_copy(spec)}"
        )
    partial.replace(target)
    return target
