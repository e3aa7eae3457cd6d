"""Judging generated tests by what they cover (TestEval): the sample is test code for a program.

Each test runs in the sandbox against the program under test, coverage.py measuring it there
(sandbox/inside/test_runner.py); this side reads the plain report and counts, as TestEval does:
- syntax: the test compiles; executable: it runs without an error other than a failed assert,
  within its time, and calls `solution.<function>` (TestEval counts a failed assert as
  executable); passing: its asserts also hold on the program (the verdict's status);
- overall: line and branch coverage of the union of the executable tests, and cov@k, the
  coverage expected of k tests drawn at random among them (TestEval splits them at random into
  groups of k; the expectation is the same figure without the draw);
- line / branch: whether the target line, or the first line of the target block, ran;
- path: the longest run of the target path found, in order and unbroken, in the path the
  instrumented program logged (TestEval's `match_path`), over the target's length.

The counts travel in the verdict's `parts` as (numerator, denominator); metrics/test_generation.py
turns them into the paper's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import comb

from execbench.core import CoverageTests, Limits, Program, Status, Task, Verdict
from execbench.judge.registry import register_judge
from execbench.judge.test_run import CallResult, TestJob, run_tests
from execbench.judge.test_snippets import compiles, formatted_test, split_tests
from execbench.sandbox import Sandbox

MODULE = "under_test"
# TestEval's own limit per test (its `execute(timeout=5)`), here in CPU seconds.
TEST_TIMEOUT_S = 5.0
COVERAGE_AT = (1, 2, 5)  # the ks TestEval reports cov@k for
# Third-party packages the programs under test import (bound read-only into the sandbox).
PROGRAM_PACKAGES = ("sortedcontainers",)
_STATUS_OF = {"assert": Status.FAILED, "timeout": Status.TIMEOUT}


@register_judge(CoverageTests)
def judge_coverage_tests(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    suite = task.tests
    assert isinstance(suite, CoverageTests)
    chunks = split_tests(program.source) if suite.mode == "overall" else [program.source]
    tests = [formatted_test(chunk, suite.function) for chunk in chunks]
    if not tests:
        return Verdict(Status.FAILED, "the sample holds no test")
    runnable = [index for index, test in enumerate(tests) if compiles(test)]
    parts = {"syntax": (len(runnable), len(tests))}
    if not runnable:
        detail = f"no test compiles ({len(tests)} found)"
        return Verdict(Status.COMPILE_ERROR, detail, parts=_empty_parts(suite, parts, len(tests)))
    path_mode = suite.mode == "path"
    preamble = f"from {MODULE} import Solution\n"
    sandbox.warm(PROGRAM_PACKAGES)
    job = TestJob(
        programs=[suite.instrumented if path_mode else suite.program],
        snippets=[preamble + tests[index] for index in runnable],
        calls=[(number, [f"test_{suite.function}"]) for number in range(len(runnable))],
        module=MODULE,
        timeout_s=TEST_TIMEOUT_S,
        coverage_excludes=None if path_mode else suite.coverage_excludes,
        log_file=suite.log_file if path_mode else "",
    )
    report = run_tests(job, sandbox, limits)
    if isinstance(report, Verdict):
        return report
    results = report[0]
    called = f"solution.{suite.function}"
    executable = [
        result
        for index, result in zip(runnable, results, strict=True)
        if result.outcome in ("ok", "assert") and called in tests[index]
    ]
    passing = sum(result.outcome == "ok" for result in results)
    parts |= {
        "executable": (len(executable), len(tests)),
        "passing": (passing, len(tests)),
        **_coverage_parts(suite, executable),
    }
    status, detail = _status(results, len(tests), len(runnable))
    return Verdict(status, detail, tests_run=len(results), parts=parts)


def _status(results: Sequence[CallResult], n_tests: int, n_compiling: int) -> tuple[Status, str]:
    if n_compiling < n_tests:
        return Status.COMPILE_ERROR, f"{n_tests - n_compiling} of {n_tests} tests do not compile"
    for result in results:
        if result.outcome == "ok":
            continue
        if result.outcome == "load":
            return Status.SANDBOX_ERROR, f"the program under test failed to load: {result.error}"
        status = _STATUS_OF.get(result.outcome, Status.ERROR)
        return status, f"a test ended with {result.error or result.outcome} on the program"
    return Status.PASSED, f"{n_tests} tests pass on the program"


def _empty_parts(
    suite: CoverageTests, parts: dict[str, tuple[int, int]], n_tests: int
) -> dict[str, tuple[int, int]]:
    return parts | {
        "executable": (0, n_tests),
        "passing": (0, n_tests),
        **_coverage_parts(suite, []),
    }


def _coverage_parts(
    suite: CoverageTests, executable: Sequence[CallResult]
) -> dict[str, tuple[int, int]]:
    if suite.mode == "line":
        return {"target": (int(any(suite.target_line in r.lines for r in executable)), 1)}
    if suite.mode == "branch":
        first_line = suite.target_branch[0] + 1
        return {"target": (int(any(first_line in r.lines for r in executable)), 1)}
    if suite.mode == "path":
        found = max((longest_common_run(r.log, suite.target_path) for r in executable), default=0)
        return {"path": (found, len(suite.target_path))}
    statements = max((r.statements for r in executable), default=0)
    branches = max((r.branches for r in executable), default=0)
    parts = {
        "lines": (len(set().union(*(r.lines for r in executable))), statements),
        "branches": (len(set().union(*(r.arcs for r in executable))), branches),
    }
    for k in COVERAGE_AT:
        parts[f"lines@{k}"] = coverage_at_k([r.lines for r in executable], statements, k)
        parts[f"branches@{k}"] = coverage_at_k([r.arcs for r in executable], branches, k)
    return parts


def coverage_at_k(covered: Sequence[frozenset], total: int, k: int) -> tuple[int, int]:
    """The coverage expected of k tests drawn without replacement from these, as an exact
    (numerator, denominator): a unit covered by m of the M tests is missed by a draw with
    probability C(M-m, k)/C(M, k). With k >= M, the coverage of them all (TestEval does not
    split fewer than k tests)."""
    tests = len(covered)
    if total == 0 or tests == 0:
        return 0, total
    if k >= tests:
        return len(set().union(*covered)), total
    counts: dict[object, int] = {}
    for units in covered:
        for unit in units:
            counts[unit] = counts.get(unit, 0) + 1
    draws = comb(tests, k)
    hit = sum(draws - comb(tests - m, k) for m in counts.values())
    return hit, total * draws


def longest_common_run(found: Sequence[str], target: Sequence[str]) -> int:
    """The length of the longest unbroken run of `target` that `found` also holds (TestEval's
    `match_path`: a longest common substring of the two sequences of log lines)."""
    best = 0
    previous = [0] * (len(target) + 1)
    for item in found:
        current = [0] * (len(target) + 1)
        for j, wanted in enumerate(target, start=1):
            if item == wanted:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
