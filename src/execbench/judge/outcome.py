"""Turning how a sandboxed execution ended into a verdict status."""

from __future__ import annotations

from collections.abc import Mapping

from execbench.core import Execution, LimitHit, Status, Verdict

_LIMIT_STATUS = {
    LimitHit.CPU: Status.TIMEOUT,
    LimitHit.WALL: Status.TIMEOUT,
    LimitHit.MEMORY: Status.MEMORY,
}


def timed_verdict(
    execution: Execution,
    status: Status,
    detail: str = "",
    error_type: str | None = None,
    tests_run: int = 0,
    parts: Mapping[str, tuple[int, int]] | None = None,
) -> Verdict:
    """A verdict carrying the CPU and wall time `execution` took."""
    return Verdict(
        status,
        detail,
        error_type,
        tests_run,
        cpu_s=execution.cpu_s,
        wall_s=execution.wall_s,
        parts=parts or {},
    )


def ended_verdict(execution: Execution | None, tests_run: int = 0) -> Verdict:
    """The verdict for a process that ended before the tests were done."""
    if execution is None:
        return Verdict(
            Status.SANDBOX_ERROR, "the sandbox ended without a report", tests_run=tests_run
        )
    if execution.sandbox_error:
        return timed_verdict(
            execution, Status.SANDBOX_ERROR, execution.sandbox_error, tests_run=tests_run
        )
    status = _LIMIT_STATUS.get(execution.limit_hit)
    if status is not None:
        return timed_verdict(
            execution, status, f"{execution.limit_hit} limit exceeded", tests_run=tests_run
        )
    if execution.limit_hit is LimitHit.OUTPUT:
        return timed_verdict(
            execution, Status.ERROR, "output or file size limit exceeded", tests_run=tests_run
        )
    if execution.signal is not None:
        return timed_verdict(
            execution,
            Status.ERROR,
            f"process killed by signal {execution.signal}",
            tests_run=tests_run,
        )
    return timed_verdict(
        execution,
        Status.ERROR,
        f"process exited with code {execution.exit_code} before the tests ended",
        tests_run=tests_run,
    )


def raised_status(type_name: str) -> Status:
    if type_name == "MemoryError":
        return Status.MEMORY
    if type_name in {"SyntaxError", "IndentationError", "TabError"}:
        return Status.COMPILE_ERROR
    return Status.ERROR
