"""`execbench augment`: a benchmark's tasks with grown tests, written as a custom-task file.

Each line is a task of docs/custom-tasks.md, with the benchmark's task id, prompt, reference and
instruction and `calls` tests (the seed inputs first, then the new ones), so that
`-b custom --data FILE` judges the same samples files. Values JSON cannot hold (tuples, sets)
are written as Python literals. Lines are written in the benchmark's order as tasks finish; a
run stopped at any point continues where it stopped (a half-written last line is dropped), and
refuses a file made under other settings. The settings sit beside it in FILE.augment.json.
"""

from __future__ import annotations

import ast
import json
import math
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from execbench.core import CallTests, Task, UserError
from execbench.sandbox import Sandbox, make_sandbox
from execbench.sandbox.runtime import PythonRuntime
from execbench.testgen.augment import AugmentedTask, AugmentSettings, Case, augment_task


@dataclass
class AugmentReport:
    benchmark: str
    out: str
    n_tasks: int = 0
    seed_cases: int = 0
    new_cases: int = 0
    mutants: int = 0
    killed: int = 0
    resumed_tasks: int = 0
    cut_by_budget: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    dropped_values: int = 0  # cases whose values neither JSON nor a Python literal can hold

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def augment_tasks(
    benchmark: str,
    tasks: Sequence[Task],
    out: Path,
    settings: AugmentSettings,
    sandbox_name: str,
    workers: int | None,
    progress: Callable[[str], None] | None = None,
    runtime: PythonRuntime | None = None,
) -> AugmentReport:
    """`workers`: processes augmenting tasks at once (None: one per CPU this process may use).
    `runtime`: the benchmark's environment, which references and programs run with."""
    report = AugmentReport(benchmark, str(out))
    done = _resume(out, {"benchmark": benchmark, **asdict(settings)})
    todo = [task for task in tasks if task.task_id not in done]
    report.resumed_tasks = len(tasks) - len(todo)
    with out.open("a", encoding="utf-8") as handle:
        for task, augmented in zip(
            todo, _augmented(todo, settings, sandbox_name, workers, runtime), strict=True
        ):
            record = _record(task, augmented, report)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            if progress:
                progress(task.task_id)
    report.n_tasks = len(tasks)
    return report


def _augmented(
    tasks: Sequence[Task],
    settings: AugmentSettings,
    sandbox_name: str,
    workers: int | None,
    runtime: PythonRuntime | None,
) -> Iterator[AugmentedTask]:
    workers = workers or len(os.sched_getaffinity(0))
    if workers <= 1 or len(tasks) <= 1:
        sandbox = make_sandbox(sandbox_name, runtime)
        try:
            for task in tasks:
                yield augment_task(task, sandbox, settings)
        finally:
            sandbox.close()
        return
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(sandbox_name, runtime)
    ) as pool:
        yield from pool.map(_augment_in_worker, tasks, [settings] * len(tasks))


_worker_sandbox: Sandbox | None = None


def _start_worker(sandbox_name: str, runtime: PythonRuntime | None) -> None:
    global _worker_sandbox
    _worker_sandbox = make_sandbox(sandbox_name, runtime)


def _augment_in_worker(task: Task, settings: AugmentSettings) -> AugmentedTask:
    assert _worker_sandbox is not None
    return augment_task(task, _worker_sandbox, settings)


def _resume(out: Path, settings: dict[str, Any]) -> set[str]:
    """The ids of the tasks already written; the file cut back to its last whole line."""
    state = out.with_name(out.name + ".augment.json")
    if out.exists() and state.exists():
        before = json.loads(state.read_text(encoding="utf-8"))
        if before != settings:
            raise UserError(f"{out} was made with other settings ({before}): use another --out")
    elif out.exists() and out.stat().st_size:
        raise UserError(f"{out} exists and was not written by `execbench augment`")
    state.write_text(json.dumps(settings, sort_keys=True), encoding="utf-8")
    if not out.exists():
        return set()
    data = out.read_bytes()
    whole = data[: data.rfind(b"\n") + 1]
    if len(whole) != len(data):
        with out.open("r+b") as handle:
            handle.truncate(len(whole))
            os.fsync(handle.fileno())
    return {json.loads(line)["id"] for line in whole.decode("utf-8").splitlines() if line}


def _record(task: Task, augmented: AugmentedTask, report: AugmentReport) -> dict[str, Any]:
    if augmented.skipped:
        report.skipped[task.task_id] = augmented.skipped
    if augmented.cut_by_budget:
        report.cut_by_budget.append(task.task_id)
    report.mutants += augmented.mutants
    report.killed += augmented.killed
    calls = []
    for case in augmented.cases:
        item = _call_item(case)
        if item is None:
            report.dropped_values += 1
            continue
        calls.append(item)
        if case.seed:
            report.seed_cases += 1
        else:
            report.new_cases += 1
    record: dict[str, Any] = {
        "id": task.task_id,
        "prompt": task.prompt,
        "entry_point": task.entry_point,
        "reference": task.reference,
        "completion_prefix": task.completion_prefix,
    }
    if task.metadata.get("instruction"):
        record["instruction"] = task.metadata["instruction"]
    tests: dict[str, Any] = {"calls": calls}
    if isinstance(task.tests, CallTests) and task.tests.atol:
        tests["atol"] = task.tests.atol
    record["tests"] = tests
    return record


MAX_CASE_CHARS = 20_000  # a test a person can read; past it (huge numbers, long lists) dropped


def _call_item(case: Case) -> dict[str, Any] | None:
    if case.kwargs:
        return None  # calls tests pass positional arguments only
    args = list(case.args)
    try:
        if _json_faithful(args) and _json_faithful(case.expected):
            item: dict[str, Any] = {"args": args, "expected": case.expected}
        elif _literal_faithful(case.args) and _literal_faithful(case.expected):
            item = {"args_literal": repr(case.args), "expected_literal": repr(case.expected)}
        else:
            return None
        return item if len(json.dumps(item)) <= MAX_CASE_CHARS else None
    except ValueError:  # an integer too long to write out
        return None


def _json_faithful(value: Any) -> bool:
    kind = type(value)
    if kind is float:
        return math.isfinite(value)
    if value is None or kind in (bool, int, str):
        return True
    if kind is list:
        return all(map(_json_faithful, value))
    if kind is dict:
        return all(type(key) is str and _json_faithful(item) for key, item in value.items())
    return False


def _literal_faithful(value: Any) -> bool:
    try:
        again = ast.literal_eval(repr(value))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    return _same_shape(value, again)


def _same_shape(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(map(_same_shape, a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_shape(a[k], b[k]) for k in a)
    return bool(a == b)
