"""Judging whole programs that read stdin and write stdout (APPS, competitive problems).

The program may be in any registered language: the spec's whole-program shape says how it is
built (once per program, before the first case) and run. Each case is one sandboxed run of the
program; its stdout is compared here, in the trusted process, by tokens (see `tokens`), by lines
(see `lines`) or by the task's checker program, which runs in a sandbox of its own and only ever
sees files. The checker is trusted Python whatever the candidate's language.
A pass needs every case to be accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from execbench.core import Execution, LimitHit, Limits, Program, Status, StdioTests, Task, Verdict
from execbench.judge.build import ArtifactCache
from execbench.judge.lines import compare_lines
from execbench.judge.outcome import ended_verdict
from execbench.judge.registry import register_judge
from execbench.judge.runnable import make_runnable, python_argv
from execbench.judge.tokens import compare_output
from execbench.languages import get_language
from execbench.sandbox import Sandbox

CHECKER_SCRIPT = "checker.py"
CHECKER_WRAPPER = "run_checker.py"
ACCEPTED, WRONG_ANSWER, PRESENTATION_ERROR, CHECKER_FAILURE = 0, 1, 2, 3
# Python exits 1 on an uncaught exception, which testlib reads as "wrong answer": the wrapper
# turns a crashing checker into exit 3 (testlib's FAIL), so a checker bug is never a reject.
_WRAPPER_SOURCE = f"""import runpy, sys, traceback
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    raise
except BaseException:
    traceback.print_exc()
    sys.exit({CHECKER_FAILURE})
"""
_COMPILE_ERRORS = ("SyntaxError", "IndentationError", "TabError")


@dataclass(frozen=True)
class CaseResult:
    accepted: bool
    verdict: Verdict | None = None  # set when the case is not accepted


@register_judge(StdioTests)
def judge_stdio_tests(
    task: Task,
    program: Program,
    sandbox: Sandbox,
    limits: Limits,
    cache: ArtifactCache | None = None,
) -> Verdict:
    tests = task.tests
    assert isinstance(tests, StdioTests)
    if not tests.cases:
        return Verdict(Status.SANDBOX_ERROR, "the task has no test cases")
    spec = get_language(program.language).for_whole_programs()
    ready = make_runnable(spec, spec.prepare(program.source, "", None), limits, sandbox, cache)
    if isinstance(ready, Verdict):
        return ready
    cpu = wall = 0.0
    for index, case in enumerate(tests.cases):
        execution = sandbox.run(ready.argv, ready.limits, ready.files, case.stdin.encode())
        cpu += execution.cpu_s
        wall += execution.wall_s
        result = _judge_case(tests, case.stdin, case.expected_stdout, execution, sandbox, limits)
        if not result.accepted:
            assert result.verdict is not None
            verdict = result.verdict
            return Verdict(
                verdict.status,
                f"case {index + 1}/{len(tests.cases)}: {verdict.detail}",
                error_type=verdict.error_type,
                tests_run=index + 1,
                cpu_s=round(cpu, 4),
                wall_s=round(wall, 4),
            )
    return Verdict(Status.PASSED, tests_run=len(tests.cases), cpu_s=round(cpu, 4), wall_s=wall)


def _judge_case(
    tests: StdioTests,
    stdin: str,
    expected: str,
    execution: Execution,
    sandbox: Sandbox,
    limits: Limits,
) -> CaseResult:
    ended = _abnormal_end(execution)
    if ended is not None:
        return CaseResult(False, ended)
    if tests.checker is not None:
        return _run_checker(tests.checker, stdin, expected, execution.stdout, sandbox, limits)
    if tests.match == "lines":
        mismatch = compare_lines(expected, execution.stdout)
    else:
        mismatch = compare_output(expected, execution.stdout, tests.float_tolerance)
    if mismatch is None:
        return CaseResult(True)
    return CaseResult(False, Verdict(Status.FAILED, f"wrong answer: {mismatch.describe()}"))


def _abnormal_end(execution: Execution) -> Verdict | None:
    """A verdict for a run that did not end normally with exit status 0; None if it did."""
    if execution.sandbox_error or execution.limit_hit is not LimitHit.NONE or execution.signal:
        return ended_verdict(execution)
    if execution.exit_code == 0:
        return None
    last = (execution.stderr.strip().splitlines() or [""])[-1]
    error_type = last.split(":", 1)[0].strip() or None
    if error_type in _COMPILE_ERRORS:
        return Verdict(Status.COMPILE_ERROR, last[:500], error_type)
    if error_type == "MemoryError":
        return Verdict(Status.MEMORY, last[:500], error_type)
    detail = f"exit code {execution.exit_code}: {last[:500]}" if last else ""
    return Verdict(Status.ERROR, detail or f"exit code {execution.exit_code}", error_type)


def _run_checker(
    checker: str, stdin: str, expected: str, output: str, sandbox: Sandbox, limits: Limits
) -> CaseResult:
    files = {
        CHECKER_WRAPPER: _WRAPPER_SOURCE.encode(),
        CHECKER_SCRIPT: checker.encode(),
        "input.txt": stdin.encode(),
        "output.txt": output.encode(),
        "answer.txt": expected.encode(),
    }
    argv = [*python_argv(CHECKER_WRAPPER, sandbox), CHECKER_SCRIPT]
    argv += ["input.txt", "output.txt", "answer.txt"]
    run = sandbox.run(argv, limits, files)
    message = (run.stdout.strip() or run.stderr.strip()).splitlines()
    said = message[0][:300] if message else ""
    if run.sandbox_error is None and run.limit_hit is LimitHit.NONE and run.signal is None:
        if run.exit_code == ACCEPTED:
            return CaseResult(True)
        if run.exit_code in (WRONG_ANSWER, PRESENTATION_ERROR):
            return CaseResult(False, Verdict(Status.FAILED, f"checker: {said or 'wrong answer'}"))
    how = run.sandbox_error or (
        f"{run.limit_hit} limit" if run.limit_hit is not LimitHit.NONE else None
    )
    how = how or (f"signal {run.signal}" if run.signal else f"exit code {run.exit_code}")
    detail = f"checker failed ({how})" + (f": {said}" if said else "")
    return CaseResult(False, Verdict(Status.SANDBOX_ERROR, detail))
