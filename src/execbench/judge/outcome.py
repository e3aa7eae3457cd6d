"""Turning how a sandboxed execution ended into a verdict status."""

from __future__ import annotations

from execbench.core import Execution, LimitHit, Status, Verdict

_LIMIT_STATUS = {
    LimitHit.CPU: Status.TIMEOUT,
    LimitHit.WALL: Status.TIMEOUT,
    LimitHit.MEMORY: Status.MEMORY,
}


def ended_verdict(execution: Execution | None, tests_run: int = 0) -> Verdict:
    """The verdict for a process that ended before the tests were done."""
    if execution is None:
        return Verdict(
            Status.SANDBOX_ERROR, "the sandbox ended without a report", tests_run=tests_run
        )
    timing = {"cpu_s": execution.cpu_s, "wall_s": execution.wall_s, "tests_run": tests_run}
    if execution.sandbox_error:
        return Verdict(Status.SANDBOX_ERROR, execution.sandbox_error, **timing)
    status = _LIMIT_STATUS.get(execution.limit_hit)
    if status is not None:
        return Verdict(status, f"{execution.limit_hit} limit exceeded", **timing)
    if execution.limit_hit is LimitHit.OUTPUT:
        return Verdict(Status.ERROR, "output or file size limit exceeded", **timing)
    if execution.signal is not None:
        return Verdict(Status.ERROR, f"process killed by signal {execution.signal}", **timing)
    return Verdict(
        Status.ERROR,
        f"process exited with code {execution.exit_code} before the tests ended",
        **timing,
    )


def raised_status(type_name: str) -> Status:
    if type_name == "MemoryError":
        return Status.MEMORY
    if type_name in {"SyntaxError", "IndentationError", "TabError"}:
        return Status.COMPILE_ERROR
    return Status.ERROR
