"""What a benchmark task is, independent of where it came from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class AssertTests:
    """Trusted assert-style test code (HumanEval's `check`, MBPP's `assert` lines).

    The code runs in the trusted judge process, never in the sandbox. `setup` is trusted context
    the test code needs (the reference program, which defines helpers such as HumanEval's `poly`);
    after it runs, each name in `entry_points` is bound to a proxy that calls the candidate across
    the sandbox boundary, then `code` is executed. A pass is `code` finishing without exception.

    `sandbox_prelude` and `sandbox_harness` are benchmark code that must live next to the
    candidate: the prelude runs in the sandbox before the program (imports a benchmark's harness
    provides), the harness after it (e.g. entry points that build objects which cannot cross the
    boundary, such as LeetCode's `Solution()` instance or linked lists, and return plain data).
    """

    code: str
    entry_points: tuple[str, ...]
    setup: str = ""
    sandbox_prelude: str = ""
    sandbox_harness: str = ""


@dataclass(frozen=True)
class CallCase:
    """One call of the candidate: its arguments and the trusted expected result.

    `group` names the batch the case belongs to (EvalPlus: "base", "plus"); cases of one group share
    a time budget and a tolerance state. With `CallTests.from_reference`, `expected` is unused.
    """

    args: tuple[Any, ...]
    expected: Any = None
    group: str = ""


# (args, expected, actual, atol) -> whether `actual` is right; replaces `actual == expected`.
MatchRule = Callable[[tuple[Any, ...], Any, Any, float], bool]


@dataclass(frozen=True)
class CallOracle:
    """A benchmark's own rule for one result where plain equality is not the rule.

    `match` must be a module-level function (tasks travel to worker processes by pickling).
    When `tolerant`, a result `match` rejects may still pass within the float tolerance.
    """

    match: MatchRule
    tolerant: bool = True


@dataclass(frozen=True)
class ReferenceOutputs:
    """Expected results come from running `Task.reference` on each case, in the sandbox.

    Each call of the candidate gets `max(minimum_s, factor * the reference's time)`; a group gets at
    most `group_budget_s` plus one second in all (EvalPlus's limits). Cases of the groups in
    `precondition_groups` whose arguments fail `precondition` (source of a function named
    `PRECONDITION_NAME` taking the entry point's arguments) are dropped, and so are cases on which
    the reference itself raises: they have no expected result.
    """

    factor: float = 4.0
    minimum_s: float = 4.0
    group_budget_s: float = 60.0
    precondition: str = ""
    precondition_groups: tuple[str, ...] = ()


PRECONDITION_NAME = "__execbench_precondition__"


@dataclass(frozen=True)
class CallTests:
    """Input/expected-output pairs for one function (EvalPlus style), compared when trusted.

    Results must equal the expected ones; where `atol` is set, or the expected result is a float
    (or a list of floats), numbers may differ by `atol` (`float_atol` when `atol` is 0) plus a
    relative 1e-7. With `sticky_tolerance`, a float tolerance once used holds for the rest of the
    group (EvalPlus does this). The first wrong case ends the judging.
    """

    entry_point: str
    cases: tuple[CallCase, ...]
    atol: float = 0.0
    float_atol: float = 1e-6
    sticky_tolerance: bool = False
    oracle: CallOracle | None = None
    from_reference: ReferenceOutputs | None = None


@dataclass(frozen=True)
class StdioCase:
    stdin: str
    expected_stdout: str


@dataclass(frozen=True)
class StdioTests:
    """Whole programs fed stdin; stdout judged by tokens, or by a checker program when given.

    Without a checker, stdout must equal the expected output token by token (whitespace-
    insensitive); numeric tokens may differ by `float_tolerance`, absolute or relative. A checker
    is a trusted Python program run as `checker.py input.txt output.txt answer.txt` (testlib's
    argument order) in its own sandbox: exit 0 accepts, 1 or 2 rejects, anything else (an
    uncaught exception included) is a checker failure: a sandbox error, never the candidate's.
    """

    cases: tuple[StdioCase, ...]
    checker: str | None = None
    float_tolerance: float = 1e-6


@dataclass(frozen=True)
class PredictionTests:
    """The sample is a Python expression predicting a value (CRUXEval).

    `program` is trusted code defining `function`. Output prediction (`predicts="output"`): the
    answer expression is evaluated in a sandbox holding `program`. Input prediction
    (`predicts="input"`): the answer is the arguments of a call of `function` (`f(ARGS)` or bare
    `ARGS`), and `function(ARGS)` is evaluated in a sandbox holding `program` (arguments touching
    `function` itself or dunder internals are refused). Either way the value comes back as plain
    data and is compared with the value of the trusted `expected` expression here, in the trusted
    process. An answer containing one of `forbidden` is a failure (CRUXEval refuses `f(<input>)`
    as an output).
    """

    program: str
    expected: str
    predicts: str = "output"
    function: str = "f"
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnittestTests:
    """unittest.TestCase classes run inside the sandbox against the candidate (ClassEval).

    The tests build and probe candidate objects, so they cannot run on the trusted side: the
    module `prelude + program + "\n" + code` runs under a trusted runner in the sandbox, which
    reports per-class results over stdout tagged with a per-run nonce the candidate never sees at
    load time. `method_classes` maps each method under test to its TestCase class;
    `class_timeout_s`, when positive, bounds each TestCase class (its tests then count as errors).
    `module_name` is the module's name as the benchmark's harness names it; with `fresh_cwd` the
    module loads in a new empty working directory, its `__file__` the bare `<module_name>.py`
    (BigCodeBench runs each program in a fresh temporary directory, from a file never written).
    """

    code: str
    test_classes: tuple[str, ...]
    prelude: str = ""
    method_classes: tuple[tuple[str, str], ...] = ()
    class_timeout_s: float = 0.0
    module_name: str = "tests_module"
    fresh_cwd: bool = False


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


TestSuite = AssertTests | CallTests | StdioTests | ScriptTests | PredictionTests | UnittestTests


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
