"""Finished runs as the analysis commands read them: summary.json, results.jsonl, run.sqlite.

Nothing here judges anything: a run is what its files say. Its identity (benchmark, language,
data version) decides which runs may be set side by side.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from pydantic import TypeAdapter, ValidationError

from execbench.core import UserError
from execbench.metrics import per_task_counts
from execbench.report import RESULTS_FILENAME, SUMMARY_FILENAME
from execbench.store import STORE_FILENAME, ResultLine, Summary, read_meta


@dataclass(frozen=True)
class RunIdentity:
    """What must match for two runs' scores to be comparable task by task."""

    benchmark: str
    language: str | None
    data_version: str | None
    # The --data file's sha256 (its path, in a run made before execbench hashed it).
    data_file: str | None

    def describe(self) -> str:
        parts = [self.benchmark]
        if self.language:
            parts.append(f"language {self.language}")
        if self.data_version:
            parts.append(f"data {self.data_version}")
        if self.data_file:
            parts.append(f"file {self.data_file}")
        return ", ".join(parts)


@dataclass(frozen=True)
class StoredRun:
    path: Path
    summary: Summary
    results: list[ResultLine]
    identity: RunIdentity

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def task_counts(self) -> dict[str, tuple[int, int]]:
        """task_id -> (samples, passed), in the run's task order."""
        return per_task_counts(self.results)

    def pass_rates(self, task_ids: Sequence[str]) -> np.ndarray:
        """The fraction of each task's samples that passed, for `task_ids` in that order."""
        counts = self.task_counts
        return np.array([counts[t][1] / counts[t][0] for t in task_ids], dtype=float)

    @cached_property
    def single_sample(self) -> bool:
        return all(n == 1 for n, _ in self.task_counts.values())


def load_run(path: Path) -> StoredRun:
    """A run directory's files, checked; errors name the file, and the line where there is one."""
    summary_path = path / SUMMARY_FILENAME
    if not summary_path.is_file():
        raise UserError(f"{path}: not a finished run (no {SUMMARY_FILENAME} in it)")
    try:
        summary = Summary.model_validate_json(summary_path.read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        raise UserError(f"{summary_path}: not an execbench summary ({_first_error(exc)})") from exc
    results = _read_results(path / RESULTS_FILENAME)
    return StoredRun(path, summary, results, _identity(path, summary))


_RESULT_LINES = TypeAdapter(list[ResultLine])


def _read_results(path: Path) -> list[ResultLine]:
    if not path.is_file():
        raise UserError(f"{path}: missing (the run did not finish?)")
    texts = path.read_text(encoding="utf-8").splitlines()
    try:  # the whole file in one call; line by line only to say where it is broken
        records = json.loads("[" + ",".join(text for text in texts if text.strip()) + "]")
        for record in records:
            record.setdefault("schema_version", 1)  # written before lines were versioned
        return _RESULT_LINES.validate_python(records)
    except (ValidationError, ValueError, AttributeError):
        pass
    lines = []
    for number, text in enumerate(texts, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
            if isinstance(record, dict):
                record.setdefault("schema_version", 1)  # written before lines were versioned
            lines.append(ResultLine.model_validate(record))
        except (ValidationError, ValueError) as exc:
            raise UserError(f"{path}:{number}: {_first_error(exc)}") from exc
    return lines


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "line"
        return f"field {where!r}: {error['msg']}"
    return str(exc)


def _identity(path: Path, summary: Summary) -> RunIdentity:
    """summary.json's benchmark and language; the data version and `--data` file from the run
    store's identity (in a run made before execbench recorded one: from its judging settings)."""
    meta: dict[str, str] = {}
    store = path / STORE_FILENAME
    if store.is_file():
        meta = read_meta(store)
    recorded = json.loads(meta.get("identity", "{}"))
    earlier = json.loads(meta.get("judging", "{}")).get("data", {})
    return RunIdentity(
        benchmark=summary.benchmark,
        language=summary.language or earlier.get("language"),
        data_version=recorded.get("data_version", earlier.get("version")),
        data_file=recorded.get("data_sha256", earlier.get("file")),
    )


def find_runs(paths: Sequence[Path]) -> list[Path]:
    """Each path a run directory, or a directory whose subdirectories are runs (sorted)."""
    found: list[Path] = []
    for path in paths:
        if (path / SUMMARY_FILENAME).is_file():
            found.append(path)
        elif path.is_dir():
            inside = sorted(p for p in path.iterdir() if (p / SUMMARY_FILENAME).is_file())
            if not inside:
                raise UserError(f"{path}: neither a run nor a directory of runs")
            found.extend(inside)
        else:
            raise UserError(f"{path}: no such run directory")
    return found


@dataclass(frozen=True)
class TaskSet:
    """The tasks that runs are compared on, and what was left out to get there."""

    task_ids: list[str]
    note: str


def shared_tasks(runs: Sequence[StoredRun], common_tasks: bool) -> TaskSet:
    """Refuse runs of different identities always, and of different task sets unless
    `common_tasks` (then: their intersection, in the first run's order, said so in `note`)."""
    first = runs[0]
    for run in runs[1:]:
        if run.identity != first.identity:
            raise UserError(
                f"{run.path} is a run of {run.identity.describe()}, {first.path} of "
                f"{first.identity.describe()}: their scores cannot be compared"
            )
    sets = [set(run.task_counts) for run in runs]
    common = set.intersection(*sets)
    ordered = [task_id for task_id in first.task_counts if task_id in common]
    if all(s == common for s in sets):
        return TaskSet(ordered, "")
    extra = ", ".join(
        f"{run.name} has {len(s - common)} more" for run, s in zip(runs, sets, strict=True)
        if s != common
    )  # fmt: skip
    if not common_tasks:
        raise UserError(
            f"the runs were not for the same tasks ({extra}): pass --common-tasks to compare "
            "the tasks they share"
        )
    if not common:
        raise UserError("the runs share no task")
    return TaskSet(ordered, f"compared on the {len(common)} tasks every run has ({extra})")
