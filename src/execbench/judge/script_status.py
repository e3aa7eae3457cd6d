"""How an ended run of program + in-language tests becomes a verdict, two ways at once.

MultiPL-E's evaluators give each run one of OK, Exception, SyntaxError, Timeout, read from the exit
status and a few per-language output markers (`Verdicts` in the language spec). execbench keeps
that status in `Verdict.native_status` (`native_status` in results.jsonl) so scores can be
compared with published MultiPL-E numbers, and decides its own status with one more
requirement: OK alone is not a pass; the per-run nonce must appear on standard output, proving
the tests ran to the end.

    MultiPL-E      execbench
    OK             passed (nonce seen) / failed (exited 0 before the tests finished)
    SyntaxError    compile_error (compiler failure, or a parse error reported at run time)
    Exception      failed (a test assertion) / error (any other crash) / memory
    Timeout        timeout
"""

from __future__ import annotations

from dataclasses import replace

from execbench.core import Execution, LimitHit, Status, Verdict
from execbench.judge.build import tail
from execbench.judge.outcome import timed_verdict
from execbench.languages import Verdicts

OK, EXCEPTION, SYNTAX_ERROR, TIMEOUT = "OK", "Exception", "SyntaxError", "Timeout"


def multipl_e_status(execution: Execution, rules: Verdicts, quiet: bool, nonce: str) -> str:
    if execution.limit_hit in (LimitHit.CPU, LimitHit.WALL):
        return TIMEOUT
    output = execution.stdout + execution.stderr
    failed_quietly = quiet and bool(execution.stdout.replace(nonce, "").strip() + execution.stderr)
    if (
        execution.exit_code == 0
        and not any(marker in output for marker in rules.failure_markers)
        and not (rules.stderr_fails and execution.stderr.strip())
        and not failed_quietly
    ):
        return OK
    if any(marker in output for marker in rules.syntax_markers):
        return SYNTAX_ERROR
    return EXCEPTION


_BUILD_STATUS = {Status.COMPILE_ERROR: SYNTAX_ERROR, Status.TIMEOUT: TIMEOUT}


def build_failure_verdict(verdict: Verdict) -> Verdict:
    """A failed build's verdict with MultiPL-E's status for it (a harness failure has none)."""
    return replace(verdict, native_status=_BUILD_STATUS.get(verdict.status))


def script_verdict(execution: Execution, nonce: str, rules: Verdicts, quiet: bool) -> Verdict:
    if execution.sandbox_error:
        return timed_verdict(execution, Status.SANDBOX_ERROR, execution.sandbox_error)
    status = multipl_e_status(execution, rules, quiet, nonce)
    return replace(_verdict(execution, nonce, rules, quiet, status), native_status=status)


def _verdict(
    execution: Execution, nonce: str, rules: Verdicts, quiet: bool, status: str
) -> Verdict:
    output = tail(execution.stderr) or tail(execution.stdout.replace(nonce, ""))
    if status == TIMEOUT:
        return timed_verdict(execution, Status.TIMEOUT, f"{execution.limit_hit} limit exceeded")
    if execution.limit_hit is LimitHit.MEMORY:
        return timed_verdict(execution, Status.MEMORY, "memory limit exceeded")
    if execution.limit_hit is LimitHit.OUTPUT:
        return timed_verdict(execution, Status.ERROR, "output or file size limit exceeded")
    if status == OK:
        if nonce not in execution.stdout:
            detail = "exited 0 before the tests finished (no evidence of completion)"
            return timed_verdict(execution, Status.FAILED, detail, "NoEvidence")
        return timed_verdict(execution, Status.PASSED, tests_run=1)
    if status == SYNTAX_ERROR:
        return timed_verdict(execution, Status.COMPILE_ERROR, output, "SyntaxError")
    ending = (
        f"killed by signal {execution.signal}"
        if execution.signal is not None
        else f"exit code {execution.exit_code}"
    )
    detail = f"{ending}: {output}"
    all_output = execution.stdout + execution.stderr
    if any(marker in all_output for marker in rules.assertion_markers) or (
        quiet and execution.exit_code == 0
    ):
        return timed_verdict(execution, Status.FAILED, detail, "AssertionError")
    return timed_verdict(execution, Status.ERROR, detail)
