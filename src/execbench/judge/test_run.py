"""Running model-written tests against programs in the sandbox (sandbox/inside/test_runner.py),
for the judges whose sample is test code: coverage (TestEval) and mutation score.

The runner gets the programs and the test snippets as files, runs each (program, call) in a child
of its own, and reports plain data tagged with a fresh nonce; this module builds the job and
reads that report back. Nothing here runs test code: it only decides what the report means.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from execbench.core import LimitHit, Limits, Status, Verdict
from execbench.judge.outcome import ended_verdict
from execbench.judge.runnable import python_argv
from execbench.sandbox import Sandbox
from execbench.sandbox.inside import test_runner
from execbench.sandbox.inside.test_runner import REPORT_TAG

RUNNER_FILE = "test_runner.py"
_RUNNER_SOURCE = Path(test_runner.__file__).read_bytes()
# Packages the runner imports inside the sandbox: bound there read-only (Sandbox.warm).
COVERAGE_PACKAGE = "coverage"


@dataclass(frozen=True)
class TestJob:
    """What to run: every call (snippet index, functions to call) against every program."""

    programs: Sequence[str]
    snippets: Sequence[str]
    calls: Sequence[tuple[int, Sequence[str]]]
    module: str
    timeout_s: float
    coverage_excludes: Sequence[str] | None = None  # None: no coverage measured
    log_file: str = ""
    shared_namespace: bool = False  # the tests start with the program's names


@dataclass(frozen=True)
class CallResult:
    outcome: str  # ok | assert | error | timeout | load
    error: str | None
    lines: frozenset[int] = frozenset()
    arcs: frozenset[tuple[int, int]] = frozenset()
    log: tuple[str, ...] = ()
    statements: int = 0
    branches: int = 0


def run_tests(job: TestJob, sandbox: Sandbox, limits: Limits) -> list[list[CallResult]] | Verdict:
    """Per program, per call, what happened; or the verdict when the run itself ended badly."""
    if job.coverage_excludes is not None:
        sandbox.warm((COVERAGE_PACKAGE,))
    nonce = secrets.token_hex(16)
    files = {RUNNER_FILE: _RUNNER_SOURCE}
    program_files = [f"program_{number}.py" for number in range(len(job.programs))]
    snippet_files = [f"tests_{number}.py" for number in range(len(job.snippets))]
    for name, text in [
        *zip(program_files, job.programs, strict=True),
        *zip(snippet_files, job.snippets, strict=True),
    ]:
        files[name] = text.encode()
    config = {
        "nonce": nonce,
        "programs": program_files,
        "module": job.module,
        "snippets": snippet_files,
        "calls": [[index, list(names)] for index, names in job.calls],
        "timeout_s": job.timeout_s,
        "coverage": None
        if job.coverage_excludes is None
        else {"excludes": list(job.coverage_excludes)},
        "log": job.log_file,
        "shared": job.shared_namespace,
    }
    # Each child may take its own time; the whole run gets them all, plus room to start.
    children = len(job.programs) * len(job.calls)
    budget = max(limits.cpu_s, children * job.timeout_s + 2)
    limits = limits.with_cpu(budget)
    stdin = (json.dumps(config) + "\n").encode()
    execution = sandbox.run(python_argv(RUNNER_FILE, sandbox), limits, files, stdin)
    prefix = f"{REPORT_TAG} {nonce} "
    reports = [
        line[len(prefix) :] for line in execution.stdout.splitlines() if line.startswith(prefix)
    ]
    if len(reports) != 1:
        if execution.sandbox_error or execution.limit_hit is not LimitHit.NONE:
            return ended_verdict(execution)
        tail = (execution.stderr.strip().splitlines() or [""])[-1][:300]
        return Verdict(Status.SANDBOX_ERROR, f"the test runner gave no report: {tail}")
    try:
        report = json.loads(reports[0])
        return [[_result(raw) for raw in program] for program in report["programs"]]
    except (ValueError, KeyError, TypeError) as exc:
        return Verdict(Status.SANDBOX_ERROR, f"the test runner's report is malformed: {exc}")


def _result(raw: dict[str, Any]) -> CallResult:
    return CallResult(
        outcome=str(raw["outcome"]),
        error=None if raw.get("error") is None else str(raw["error"]),
        lines=frozenset(int(line) for line in raw.get("lines", ())),
        arcs=frozenset((int(a), int(b)) for a, b in raw.get("arcs", ())),
        log=tuple(str(line) for line in raw.get("log", ())),
        statements=int(raw.get("statements", 0)),
        branches=int(raw.get("branches", 0)),
    )
