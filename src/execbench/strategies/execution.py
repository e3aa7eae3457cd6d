"""Running a strategy's programs on the cases it may see: visible examples, its model's tests.

Each run is one sandboxed process: a Python program with its assert cases goes through
sandbox/inside/assert_runner.py (each case under its own CPU-time alarm, a report tagged with a
fresh nonce); a stdio example is one run of the program, compared by the stdio judge under the
task's rules. What comes back only steers the strategy; verdicts come from the hidden tests.

The runner owns up to `workers` sandboxes (default: the CPUs this process may use) and runs the
blocking sandbox calls in threads, one sandbox per thread at a time, so the event loop keeps
asking the model meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from execbench.core import LimitHit, Limits, Program, StdioTests, Task
from execbench.judge.build import ArtifactCache
from execbench.judge.runnable import python_argv
from execbench.judge.stdio_tests import judge_stdio_tests
from execbench.languages import get_language
from execbench.sandbox import Sandbox, make_sandbox
from execbench.sandbox.inside import assert_runner
from execbench.sandbox.inside.assert_runner import PROGRAM_FILE, REPORT_TAG
from execbench.sandbox.runtime import PythonRuntime
from execbench.strategies.trajectory import CaseOutcome

RUNNER_FILE = "assert_runner.py"
_RUNNER_SOURCE = Path(assert_runner.__file__).read_bytes()
# CPU seconds a program may spend loading (imports, module-level code) before its cases run.
LOAD_ALLOWANCE_S = 2.0


class CaseRunner:
    def __init__(
        self,
        sandbox_name: str,
        workers: int | None,
        limits: Limits,
        runtime: PythonRuntime | None = None,
    ) -> None:
        """`runtime`: the benchmark's environment, whose Python runs the cases (None: ours)."""
        self._sandbox_name = sandbox_name
        self._runtime = runtime
        self._limits = limits
        # Here, in the harness's process, whatever executor judges the samples.
        self._workers = max(1, workers or len(os.sched_getaffinity(0)))
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._idle: list[Sandbox] = []
        self._all: list[Sandbox] = []
        self._artifacts = ArtifactCache()
        # Looked up here, in the event loop's thread: the language registry discovers its
        # entries on first use, and a worker thread asking meanwhile would find it half filled.
        get_language("python")

    @property
    def example_timeout_s(self) -> float:
        """CPU seconds per visible example: the run's own per-sample budget."""
        return self._limits.cpu_s

    async def run_asserts(
        self, program: Program, cases: Sequence[str], case_timeout_s: float, setup: str = ""
    ) -> list[CaseOutcome]:
        """Each case's outcome; all fail, saying why, if the program cannot even load."""
        if not cases:
            return []
        if program.language != "python":
            why = f"assert cases run Python programs, not {program.language}"
            return [CaseOutcome(case=case, passed=False, output=why) for case in cases]
        return await self._in_sandbox(self._asserts, program, list(cases), case_timeout_s, setup)

    async def run_stdio(self, program: Program, examples: StdioTests) -> list[CaseOutcome]:
        return await self._in_sandbox(self._stdio, program, examples)

    def close(self) -> None:
        for sandbox in self._all:
            sandbox.close()
        self._all, self._idle = [], []

    async def _in_sandbox(self, work, *args):  # type: ignore[no-untyped-def]
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:  # each asyncio.run: a new loop
            self._slots = (loop, asyncio.Semaphore(self._workers))
        async with self._slots[1]:
            sandbox = self._idle.pop() if self._idle else self._new_sandbox()
            try:
                return await asyncio.to_thread(work, sandbox, *args)
            finally:
                self._idle.append(sandbox)

    def _new_sandbox(self) -> Sandbox:
        sandbox = make_sandbox(self._sandbox_name, self._runtime)
        self._all.append(sandbox)
        return sandbox

    def _asserts(
        self, sandbox: Sandbox, program: Program, cases: list[str], timeout_s: float, setup: str
    ) -> list[CaseOutcome]:
        nonce = secrets.token_hex(16)
        config = {"nonce": nonce, "cases": cases, "case_timeout_s": timeout_s}
        # The setup after the program, as MBPP's harness runs it: it may build the program's
        # own objects (a tree of its `Node`s).
        source = f"{program.source}\n{setup}" if setup else program.source
        files = {RUNNER_FILE: _RUNNER_SOURCE, PROGRAM_FILE: source.encode()}
        limits = self._limits.with_cpu(LOAD_ALLOWANCE_S + timeout_s * len(cases))
        argv = python_argv(RUNNER_FILE, sandbox)
        execution = sandbox.run(argv, limits, files, (json.dumps(config) + "\n").encode())
        prefix = f"{REPORT_TAG} {nonce} "
        reports = [line for line in execution.stdout.splitlines() if line.startswith(prefix)]
        report = _decode(reports[0][len(prefix) :]) if len(reports) == 1 else None
        if report is None or "load_error" in report:
            why = _why_no_cases(report, execution.limit_hit, execution.sandbox_error)
            return [CaseOutcome(case=case, passed=False, output=why) for case in cases]
        outcomes = report.get("cases")
        if not isinstance(outcomes, list) or len(outcomes) != len(cases):
            why = "the case runner's report does not match the cases"
            return [CaseOutcome(case=case, passed=False, output=why) for case in cases]
        return [_outcome(case, outcome) for case, outcome in zip(cases, outcomes, strict=True)]

    def _stdio(self, sandbox: Sandbox, program: Program, examples: StdioTests) -> list[CaseOutcome]:
        outcomes = []
        for case in examples.cases:
            task = Task(
                task_id="example",
                benchmark="example",
                prompt="",
                tests=replace(examples, cases=(case,)),
                reference="",
                language=program.language,
            )
            verdict = judge_stdio_tests(task, program, sandbox, self._limits, self._artifacts)
            detail = verdict.detail.removeprefix("case 1/1: ")
            outcomes.append(
                CaseOutcome(
                    case=case.stdin,
                    passed=verdict.passed,
                    output="" if verdict.passed else f"{verdict.status}: {detail}",
                    expected=case.expected_stdout,
                )
            )
        return outcomes


def _outcome(case: str, reported: object) -> CaseOutcome:
    if not isinstance(reported, dict):
        return CaseOutcome(case=case, passed=False, output="no outcome reported")
    output = str(reported.get("output", ""))[:1000]
    return CaseOutcome(case=case, passed=reported.get("passed") is True, output=output)


def _decode(text: str) -> dict | None:
    try:
        report = json.loads(text)
    except json.JSONDecodeError:
        return None
    return report if isinstance(report, dict) else None


def _why_no_cases(report: dict | None, limit: LimitHit, sandbox_error: str | None) -> str:
    if report is not None:
        return f"the program did not load: {report['load_error']}"
    if sandbox_error:
        return f"sandbox error: {sandbox_error}"
    if limit is not LimitHit.NONE:
        return f"the run exceeded its {limit} limit"
    return "the run ended without a report"
