"""Why a sample did not pass, in a few kinds a person can act on (docs/failure-kinds.md).

The verdict status says what happened to the candidate; the kind says what to fix: a reply with
no code is a prompting or extraction problem, a NameError a hallucinated helper, an AssertionError
a wrong answer. Runtime errors keep the exception's type (`runtime_error:TypeError`) where the
judge knows it, so a table of kinds shows which exceptions a model tends to raise.
"""

from __future__ import annotations

from enum import StrEnum

from execbench.core.verdict import Status


class FailureKind(StrEnum):
    NO_CODE = "no_code"
    COMPILE_ERROR = "compile_error"
    IMPORT_ERROR = "import_error"
    NAME_ERROR = "name_error"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    ENVIRONMENT = "environment"


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
_NAME_ERRORS = frozenset({"NameError", "UnboundLocalError"})
_BY_STATUS = {
    Status.COMPILE_ERROR: FailureKind.COMPILE_ERROR,
    Status.FAILED: FailureKind.WRONG_ANSWER,
    Status.TIMEOUT: FailureKind.TIMEOUT,
    Status.MEMORY: FailureKind.MEMORY,
    Status.SANDBOX_ERROR: FailureKind.ENVIRONMENT,
}


def failure_kind(status: str, error_type: str | None, program_is_blank: bool) -> str | None:
    """The kind of a non-passing verdict (None for a pass): `runtime_error:<Type>` when known.

    A harness failure stays `environment` whatever the program; otherwise a blank program is
    `no_code` whatever the tests then made of it.
    """
    if status == Status.PASSED:
        return None
    if status == Status.SANDBOX_ERROR:
        return FailureKind.ENVIRONMENT.value
    if program_is_blank:
        return FailureKind.NO_CODE.value
    if status == Status.ERROR:
        if error_type in _IMPORT_ERRORS:
            return FailureKind.IMPORT_ERROR.value
        if error_type in _NAME_ERRORS:
            return FailureKind.NAME_ERROR.value
        kind = FailureKind.RUNTIME_ERROR.value
        return f"{kind}:{error_type}" if error_type else kind
    return _BY_STATUS[Status(status)].value
