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


STDIO_MATCHES = ("tokens", "lines")


@dataclass(frozen=True)
class StdioTests:
    """Whole programs fed stdin; stdout judged by tokens or lines, or by a checker program.

    Without a checker, `match` says how stdout is compared with the expected output:
    - "tokens": token by token (whitespace-insensitive); where the expected token is a real
      number, the output's may differ from it by `float_tolerance`, absolute or relative
      (integers are exact);
    - "lines": line by line, each line stripped and the whole output stripped, the same number of
      lines; a line matches when equal, or when both are whitespace-separated numbers with equal
      decimal values (LiveCodeBench's rule: "1.0" matches "1", "0.3333" does not match "0.333").
    A checker
    is a trusted Python program run as `checker.py input.txt output.txt answer.txt` (testlib's
    argument order) in its own sandbox: exit 0 accepts, 1 or 2 rejects, anything else (an
    uncaught exception included) is a checker failure: a sandbox error, never the candidate's.
    """

    cases: tuple[StdioCase, ...]
    checker: str | None = None
    float_tolerance: float = 1e-6
    match: str = "tokens"

    def __post_init__(self) -> None:
        if self.match not in STDIO_MATCHES:
            raise ValueError(f"StdioTests.match {self.match!r}: expected one of {STDIO_MATCHES}")


@dataclass(frozen=True)
class PredictionTests:
    """The sample is a Python expression predicting a value (CRUXEval).

    `program` is trusted code defining `function`. Output prediction (`predicts="output"`): the
    answer must be a literal (checked on its syntax tree: never a call or a name), evaluated in a
    sandbox; with an empty `program` (nothing to compute it with) any expression. Input prediction
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


@dataclass(frozen=True)
class EfficiencyLevel:
    """One of ENAMEL's graded levels: `count` inputs of `size`; `weight` is its share of the
    sample's efficiency score (0: the level only checks correctness, timed once)."""

    size: int
    count: int
    weight: float


@dataclass(frozen=True)
class EfficiencyTests:
    """Generated inputs of growing size, timed against an efficient reference (ENAMEL).

    Inputs come from `generator` (source of `generate_input(size, lid, cid)`, run after
    `prelude` and `helpers` in the sandbox, `random` seeded per input from `seed` and
    `problem_index` as ENAMEL seeds it), once, and are cached. The reference (`Task.reference`)
    computes each input's answer and sets the time limits; `checker` (source of
    `__check(input, answer, output)`, run after `prelude` here, on the trusted side) accepts or
    rejects each output. Levels with weight run `repeats` times per input; a call may use
    `timeout_factor` times the reference's slowest weighted input, plus `tolerance_s`. The
    program runs after `prelude` (ENAMEL runs the prompt first). With `count_lines`, a separate
    pass counts the Python lines each weighted input executes: a cost no machine changes.
    """

    entry_point: str
    generator: str
    checker: str
    levels: tuple[EfficiencyLevel, ...]
    problem_index: int
    seed: int
    prelude: str = ""
    helpers: str = ""
    repeats: int = 6
    timeout_factor: float = 2.0
    tolerance_s: float = 0.01
    count_lines: bool = True


@dataclass(frozen=True)
class SingleRun:
    """No tests: the program runs once with `stdin`, `files` beside it in its working directory.
    Its verdict says how the run ended (`passed`: exit status 0 within the limits) and carries
    the run itself (judge/single_run.py): what the server's /v1/run and /run_code answer with."""

    stdin: bytes = b""
    files: Mapping[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class CoverageTests:
    """The sample is test code for `program` (TestEval): judged by running it, in the sandbox,
    against `program`, measuring what it covers there with coverage.py.

    `mode` is TestEval's task: "overall" (the sample holds several tests; line and branch
    coverage of their union), "line" (one test that must execute line `target_line`), "branch"
    (one test that must enter the block starting at `target_branch[0]`, TestEval's check: its
    next line runs), "path" (one test whose run of `instrumented` logs `target_path`). Each test
    is `def test_<function>(): solution = Solution() ...`, run after
    `from under_test import Solution`.
    """

    program: str
    function: str
    mode: str = "overall"
    target_line: int = 0
    target_branch: tuple[int, int] = (0, 0)
    target_path: tuple[str, ...] = ()
    instrumented: str = ""
    log_file: str = ""
    coverage_excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MutationTests:
    """The sample is test code for `reference`: it must pass on `reference`, and it is scored by
    the share of `mutants` (faulty variants of the reference) on which it fails.

    The test code runs in the sandbox after the program it tests (a module holding the program,
    then the tests): its top-level `test*` functions are called, and `check(<entry_point>)`
    where it defines `check` (HumanEval's style); module-level asserts run as it loads.
    `seed_suite` is the benchmark's own suite: mutants its inputs cannot tell from the
    reference are dropped as equivalent before scoring.
    """

    reference: str
    entry_point: str
    mutants: tuple[str, ...]
    seed_suite: AssertTests | CallTests


TestSuite = (
    AssertTests
    | CallTests
    | StdioTests
    | ScriptTests
    | PredictionTests
    | UnittestTests
    | EfficiencyTests
    | SingleRun
    | CoverageTests
    | MutationTests
)

# A benchmark's own step from a program to the file its harness runs (OctoPack's per-language
# headers, LiveCodeBench's wrapping of stdin programs). A module-level function, or a
# functools.partial of one: tasks are pickled to the judge workers.
Assemble = Callable[[str], str]


@dataclass(frozen=True)
class Examples:
    """The worked examples a problem statement shows: public to any solver, unlike `Task.tests`.

    Execution-feedback strategies run programs on these and never see the tests. `asserts` are
    Python assert statements calling the entry point (HumanEval's docstring examples, MBPP's first
    test), run after the program and `setup` (imports and objects the benchmark's harness adds).
    `stdio` are sample inputs and outputs (APPS, LiveCodeBench's public tests), judged by the rules
    of the task's own stdio tests. `instruction` replaces the task's chat instruction for
    strategies where that instruction shows hidden tests (MBPP's lists all its asserts).
    """

    asserts: tuple[str, ...] = ()
    setup: str = ""
    stdio: tuple[StdioCase, ...] = ()
    instruction: str | None = None


@dataclass(frozen=True)
class Task:
    """One benchmark problem.

    `prompt` is what a base model continues; a completion-style sample is appended to
    `completion_prefix` (normally the prompt) to form the program. `reference` is a complete
    program that must pass `tests`: it is the ground-truth check and the `reference` model.
    `assemble`, when set, turns every program judged for the task (samples and reference alike)
    into what the benchmark's harness runs; the stored program is the one before assembly.
    `trim_completion`, when set, is where a base model's completion ends (OctoPack cuts it after
    the brace that closes the function), applied to completion-format samples only.
    `follow_up`, when set, makes the task a two-step one (HumanEvalExplain): the model's answer
    to `prompt` is not judged, but `follow_up(task, answer)` is a fresh task (same id, same
    tests) whose answer is the sample. A module-level function, like `assemble`.
    `examples` is the part of the problem a solver may run code against (see `Examples`).
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
    # Left out of repr (which keys the reference-time cache): a function's repr holds its
    # address, different in every process; what the steps depend on is in the other fields.
    assemble: Assemble | None = field(default=None, repr=False)
    trim_completion: Callable[[str], str] | None = field(default=None, repr=False)
    follow_up: Callable[[Task, str], Task] | None = field(default=None, repr=False)
    # Out of repr too: no verdict or reference time depends on what a strategy may see.
    examples: Examples = field(default_factory=Examples, repr=False)
