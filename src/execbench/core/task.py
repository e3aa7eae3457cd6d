"""What a benchmark task is, independent of where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AssertTests:
    """Trusted assert-style test code (HumanEval's `check`, MBPP's `assert` lines).

    The code runs in the trusted judge process, never in the sandbox. `setup` is trusted context
    the test code needs (the reference program, which defines helpers such as HumanEval's `poly`);
    after it runs, each name in `entry_points` is bound to a proxy that calls the candidate across
    the sandbox boundary, then `code` is executed. A pass is `code` finishing without exception.
    """

    code: str
    entry_points: tuple[str, ...]
    setup: str = ""


@dataclass(frozen=True)
class CallCase:
    """One call of the candidate: its arguments and the trusted expected result."""

    args: tuple[Any, ...]
    expected: Any


@dataclass(frozen=True)
class CallTests:
    """Input/expected-output pairs for one function (EvalPlus style), compared when trusted."""

    entry_point: str
    cases: tuple[CallCase, ...]
    atol: float = 0.0


@dataclass(frozen=True)
class StdioCase:
    stdin: str
    expected_stdout: str


@dataclass(frozen=True)
class StdioTests:
    """Whole programs fed stdin; stdout judged by tokens, or by a checker program when given."""

    cases: tuple[StdioCase, ...]
    checker: str | None = None


@dataclass(frozen=True)
class ScriptTests:
    """Test code in the task's own language, appended to the program and run inside the sandbox.

    Used where the tests cannot cross a language boundary (MultiPL-E, HumanEval-X); the verdict then
    comes from the sandboxed process, with a per-run nonce as the evidence that the tests finished.
    `main` names the entry class or module where the language needs one (Java's class with
    `main`); `build_flags` are extra compiler flags the benchmark's own evaluator uses; `quiet`
    means the tests report failure only by printing (HumanEval-X's JavaScript `console.assert`),
    so any output besides the evidence is a failure.
    """

    code: str
    main: str | None = None
    build_flags: tuple[str, ...] = ()
    quiet: bool = False


TestSuite = AssertTests | CallTests | StdioTests | ScriptTests


@dataclass(frozen=True)
class Task:
    """One benchmark problem.

    `prompt` is what a base model continues; a completion-style sample is appended to
    `completion_prefix` (normally the prompt) to form the program. `reference` is a complete
    program that must pass `tests`: it is the ground-truth check and the `reference` model.
    """

    task_id: str
    benchmark: str
    prompt: str
    tests: TestSuite
    reference: str
    language: str = "python"
    entry_point: str | None = None
    completion_prefix: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)
