"""Expected results computed by running a task's reference on its cases, in the sandbox, cached.

The reference is trusted to be right but not to be harmless (benchmark data is downloaded), so it
runs in the sandbox like any candidate. What it returns is kept with the time each call took, which
sets that case's time limit. Results are cached on disk under a key that hashes everything they
depend on: the task's data (reference, entry point, precondition, cases), so a changed data file
never reuses them, and how they were obtained (sandbox backend, limits, the Python and the code
that ran the reference). Only a run that finished every case cleanly is written there: a case the
reference could not finish (its process ended: a limit, a kill) is left out of this run alone, and
a run the sandbox broke gives no results at all (`ReferenceUnavailable`), so that samples are never
judged on the few cases that happened to run. Results are kept in memory for the life of the
worker process. A file lock keeps concurrent workers from
computing the same task twice. A cache directory that cannot be used (a read-only home) only
costs the computing, with a warning. Keys change with data releases and execbench versions, so
entries not read for `UNUSED_FOR_S` are removed once per process, when one is written.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NamedTuple

from execbench.core import PRECONDITION_NAME, CallCase, CallTests, Limits, Task
from execbench.core.cache import locked_entry, user_cache_dir, warn_unkept
from execbench.judge.opaque import Opaque
from execbench.judge.task_memo import TaskMemo
from execbench.sandbox import CallOutcome, CallStatus, PythonSession, Sandbox, inside
from execbench.sandbox.inside.plain import decode_plain, encode_plain
from execbench.sandbox.shown import shown

CACHE_FORMAT = 2
# The reference gets generous limits: a slow reference must yield a slow limit, not a lost case.
REFERENCE_CALL_S = 60.0
REFERENCE_SESSION_CPU_S = 1800.0
UNUSED_FOR_S = 30 * 24 * 3600


@dataclass(frozen=True)
class Expected:
    """The reference's result for one case and how long the call took."""

    value: Any
    seconds: float | None = None


@dataclass(frozen=True)
class Dropped:
    """A case left out: its input breaks the precondition, or the reference failed on it.
    `finished`: the reference ended the call itself (raised), so every run drops it alike."""

    reason: str
    finished: bool = True


class ReferenceUnavailable(Exception):
    """The sandbox failed while running the reference: no expected results to judge by."""


CaseExpectation = Expected | Dropped

_memory: dict[str, tuple[CaseExpectation, ...]] = {}
_pruned: set[Path] = set()  # cache directories this process has pruned
# Hashing every case is not free: remember each task's key.
_keys: TaskMemo[str] = TaskMemo()


def default_cache_dir() -> Path:
    return user_cache_dir("expected")


def expected_results(
    task: Task, sandbox: Sandbox, limits: Limits, cache_dir: Path | None = None
) -> tuple[CaseExpectation, ...]:
    """One expectation per case of `task.tests`, in order."""
    tests = task.tests
    assert isinstance(tests, CallTests) and tests.from_reference is not None
    session_limits = reference_limits(limits)
    key = results_key(_keys.get(task, lambda: cache_key(task)), sandbox, session_limits)
    if key in _memory:
        return _memory[key]
    directory = cache_dir or default_cache_dir()
    compute = functools.partial(_compute, task, tests, sandbox, session_limits)
    results = _through_cache(directory, key, len(tests.cases), compute)
    _memory[key] = results
    return results


def reference_limits(limits: Limits) -> Limits:
    """What the reference runs under: a sample's limits, with room for a slow reference."""
    return limits.with_cpu(max(limits.cpu_s, REFERENCE_SESSION_CPU_S))


def results_key(task_key: str, sandbox: Sandbox, session_limits: Limits) -> str:
    """The cache key of a task's results obtained with `sandbox` under `session_limits`."""
    how = [task_key, sandbox.name, asdict(session_limits), REFERENCE_CALL_S, _runner_version()]
    return hashlib.sha256(json.dumps(how).encode()).hexdigest()


@functools.cache
def _runner_version() -> str:
    """This Python, and the code that runs the reference and carries its results."""
    digest = hashlib.sha256(sys.version.encode())
    for path in (Path(__file__), *(Path(inside.DIRECTORY) / name for name in _INSIDE_FILES)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


_INSIDE_FILES = ("py_worker.py", "plain.py", "frames.py")


def _through_cache(
    directory: Path,
    key: str,
    n_cases: int,
    compute: Callable[[], tuple[tuple[CaseExpectation, ...], bool]],
) -> tuple[CaseExpectation, ...]:
    """Results from the disk cache, or computed (then written only if `compute` says they are
    complete: every case finished)."""
    with locked_entry(directory, key, _UNKEPT) as path:
        if path is None:
            return compute()[0]
        results = _read(path, n_cases)
        if results is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # read now: see _prune
            return results
        results, complete = compute()
        if not complete:
            return results
        try:
            _write(path, results)
        except OSError as exc:
            warn_unkept(directory, exc, _UNKEPT)
    _prune(directory)
    return results


def _prune(directory: Path) -> None:
    if directory in _pruned:
        return
    _pruned.add(directory)
    unused_since = time.time() - UNUSED_FOR_S
    for entry in [*directory.glob("*.json"), *directory.glob("*.partial")]:
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < unused_since:
                entry.unlink()
                (directory / f"{entry.name.partition('.')[0]}.lock").unlink(missing_ok=True)


_UNKEPT = "expected results"


def cache_key(task: Task) -> str:
    tests = task.tests
    assert isinstance(tests, CallTests) and tests.from_reference is not None
    spec = tests.from_reference
    digest = hashlib.sha256()
    header = [CACHE_FORMAT, task.reference, tests.entry_point, spec.precondition]
    header.append(list(spec.precondition_groups))
    digest.update(json.dumps(header).encode())
    # Pickled, the cases hash several times faster than as JSON (every worker process hashes every
    # task), and as exactly: 1, 1.0 and True, or a tuple and a list, give different bytes. Where a
    # Python version pickles them otherwise, the results are only computed again.
    cases = [(case.group, case.args) for case in tests.cases]
    pickled = _pickled(cases)
    if any(mark in pickled for mark in _SET_MARKS):  # a set's order may change between processes
        pickled = _pickled(_canonical(cases))
    digest.update(pickled)
    return digest.hexdigest()


# How protocol 5 starts a set with items, and ends a frozenset: EMPTY_SET MEMOIZE MARK, and
# FROZENSET MEMOIZE. Data bytes may look the same (rarely): then only the slower path is taken.
_SET_MARKS = (pickle.EMPTY_SET + pickle.MEMOIZE + pickle.MARK, pickle.FROZENSET + pickle.MEMOIZE)


class _Sorted(NamedTuple):
    """A set's elements in an order that does not depend on the process's string hashing."""

    kind: str
    items: tuple


def _canonical(value: Any) -> Any:
    kind = type(value)
    if kind in (set, frozenset):
        items = sorted((_canonical(item) for item in value), key=_pickled)
        return _Sorted(kind.__name__, tuple(items))
    if kind in (list, tuple):
        return kind(_canonical(item) for item in value)
    if kind is dict:
        return {_canonical(key): _canonical(item) for key, item in value.items()}
    return value


def _pickled(value: Any) -> bytes:
    return pickle.dumps(value, protocol=5)


def _compute(
    task: Task, tests: CallTests, sandbox: Sandbox, session_limits: Limits
) -> tuple[tuple[CaseExpectation, ...], bool]:
    """The reference's results, and whether it finished every case (only then may they be kept
    beyond this process). Raises ReferenceUnavailable when the sandbox itself failed."""
    spec = tests.from_reference
    assert spec is not None
    program = task.reference
    if spec.precondition:
        program += "\n\n" + spec.precondition + "\n"
    results: list[CaseExpectation] = []
    runner = _ReferenceRunner(sandbox, session_limits, program, tests.entry_point)
    try:
        group = None
        for case in tests.cases:
            if case.group != group:
                group = case.group
                runner.restart()  # as EvalPlus: each group starts from a fresh program
            checked = case.group in spec.precondition_groups and bool(spec.precondition)
            results.append(runner.expect(case, checked))
    finally:
        runner.stop()
    complete = all(not isinstance(result, Dropped) or result.finished for result in results)
    return tuple(results), complete


class _ReferenceRunner:
    """Runs the reference on one case after another, restarting it when a call kills it."""

    def __init__(self, sandbox: Sandbox, limits: Limits, program: str, entry_point: str) -> None:
        self._sandbox = sandbox
        self._limits = limits
        self._program = program
        self._entry_point = entry_point
        self._session: PythonSession | None = None
        self._load_error = ""
        self._load_finished = True

    def restart(self) -> None:
        self.stop()
        self._session = self._sandbox.open_python(self._limits)
        loaded = self._session.load(self._program)
        _fail_on_sandbox_error(loaded)
        self._load_error = "" if loaded.status is CallStatus.OK else _failure(loaded)
        self._load_finished = loaded.status is not CallStatus.DIED

    def stop(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def expect(self, case: CallCase, checked: bool) -> CaseExpectation:
        if self._session is None:
            self.restart()
        assert self._session is not None
        if self._load_error:
            reason = f"the reference did not load: {self._load_error}"
            return Dropped(reason, self._load_finished)
        if checked:
            verdict = self._session.call(PRECONDITION_NAME, case.args, {}, REFERENCE_CALL_S)
            if verdict.status is not CallStatus.OK:
                self._restart_if_dead(verdict)
                reason = f"the input breaks the task's contract: {_failure(verdict)}"
                return Dropped(reason, verdict.status is not CallStatus.DIED)
        started = time.perf_counter()
        outcome = self._session.call(self._entry_point, case.args, {}, REFERENCE_CALL_S)
        seconds = time.perf_counter() - started
        if outcome.status is CallStatus.OK:
            return Expected(outcome.value, seconds)
        if outcome.status is CallStatus.BAD_VALUE:
            return Expected(Opaque(outcome.error_type or "object"), seconds)
        self._restart_if_dead(outcome)
        reason = f"the reference failed on this input: {_failure(outcome)}"
        return Dropped(reason, outcome.status is not CallStatus.DIED)

    def _restart_if_dead(self, outcome: CallOutcome) -> None:
        if outcome.status is CallStatus.DIED:
            _fail_on_sandbox_error(outcome)
            self.restart()


def _fail_on_sandbox_error(outcome: CallOutcome) -> None:
    execution = outcome.execution
    if outcome.status is CallStatus.DIED and execution is not None and execution.sandbox_error:
        raise ReferenceUnavailable(
            f"the sandbox failed running the reference: {execution.sandbox_error}"
        )


def _failure(outcome: Any) -> str:
    if outcome.status is CallStatus.DIED:
        execution = outcome.execution
        how = execution.limit_hit if execution is not None else "unknown"
        return f"the process ended ({how})"
    return f"{outcome.error_type}: {shown(outcome.message)}"


def _encode(result: CaseExpectation) -> list:
    if isinstance(result, Dropped):
        return ["drop", result.reason]
    if isinstance(result.value, Opaque):
        return ["opaque", result.value.type_name, result.seconds]
    return ["ok", encode_plain(result.value), result.seconds]


def _decode(item: list) -> CaseExpectation:
    if item[0] == "drop":
        return Dropped(str(item[1]))
    if item[0] == "opaque":
        return Expected(Opaque(str(item[1])), float(item[2]))
    return Expected(decode_plain(item[1]), float(item[2]))


def _write(path: Path, results: tuple[CaseExpectation, ...]) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"format": CACHE_FORMAT, "cases": [_encode(r) for r in results]}))
    partial.replace(path)


def _read(path: Path, n_cases: int) -> tuple[CaseExpectation, ...] | None:
    """The cached results, or None when absent or unusable (then they are computed again)."""
    try:
        with _collection_paused():
            stored = json.loads(path.read_bytes())
            if stored.get("format") != CACHE_FORMAT or len(stored["cases"]) != n_cases:
                return None
            return tuple(_decode(item) for item in stored["cases"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: reading results makes containers by the hundred
    thousand, and the collections they set off walk every object alive, the results already read
    included (a quarter of the reading time). Plain data makes no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
