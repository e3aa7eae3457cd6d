"""The trusted side's stand-in for the candidate function: every call crosses the sandbox boundary.

Arguments go out and results come back as plain data, so the trusted test code compares values
it built itself; a result that is not data comes back as an `Opaque` stand-in that equals nothing.
Exceptions the candidate raised come back as exceptions of the same builtin type (test code that
expects a `ValueError` still sees one); anything that ends the sandbox raises
`SandboxAbort`, which test code cannot swallow, and is remembered so no verdict ignores it.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from execbench.core import Execution
from execbench.judge.assert_detail import CrossedCall
from execbench.judge.opaque import Opaque
from execbench.sandbox import CallStatus, PythonSession

if TYPE_CHECKING:
    from execbench.judge.calls_ahead import CallsAhead


class CandidateError(Exception):
    """The candidate raised `type_name` (rebuilt on the trusted side from its name and message)."""

    type_name: str = "Exception"


class CandidateAbort(BaseException):
    """The candidate raised a BaseException (SystemExit, KeyboardInterrupt...): never a pass."""

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name


class SandboxAbort(BaseException):
    """The sandboxed process ended or overran a limit; carries how it ended."""

    def __init__(self, execution: Execution | None) -> None:
        super().__init__("the sandboxed process ended")
        self.execution = execution


_EXCEPTION_CLASSES: dict[str, type[CandidateError]] = {}


def rebuild_exception(type_name: str, message: str) -> BaseException:
    builtin = getattr(builtins, type_name, None)
    if not (isinstance(builtin, type) and issubclass(builtin, BaseException)):
        error = CandidateError(message)
        error.type_name = type_name
        return error
    if not issubclass(builtin, Exception):
        return CandidateAbort(type_name, message)
    cls = _EXCEPTION_CLASSES.get(type_name)
    if cls is None:
        try:
            cls = type(type_name, (CandidateError, builtin), {"type_name": type_name})
        except TypeError:  # builtins whose layout cannot be mixed in (e.g. UnicodeDecodeError)
            cls = type(type_name, (CandidateError,), {"type_name": type_name})
        _EXCEPTION_CLASSES[type_name] = cls
    try:
        return cls(message)
    except TypeError:
        fallback = CandidateError(message)
        fallback.type_name = type_name
        return fallback


class CandidateProxy:
    def __init__(self, session: PythonSession, name: str, tally: CallTally) -> None:
        self._session = session
        self._name = name
        self._tally = tally
        self.__name__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._tally.abort is not None:
            raise self._tally.abort
        self._tally.calls += 1
        ahead = self._tally.ahead
        outcome = ahead.outcome(self._name, args, kwargs) if ahead is not None else None
        if outcome is None:
            outcome = self._session.call(self._name, args, kwargs)
        if outcome.status is CallStatus.OK:
            self._tally.last = CrossedCall(self._name, args, kwargs, outcome.value)
            return outcome.value
        if outcome.status is CallStatus.RAISED:
            type_name = outcome.error_type or "Exception"
            self._tally.last = CrossedCall(self._name, args, kwargs, raised=type_name)
            error = rebuild_exception(type_name, outcome.message)
            if isinstance(error, CandidateAbort):
                self._tally.abort = error
            raise error
        if outcome.status is CallStatus.BAD_VALUE:
            # As in the original harnesses, `assert f(x)` holds for any object: it is truthy.
            opaque = Opaque(outcome.error_type or "object")
            self._tally.last = CrossedCall(self._name, args, kwargs, opaque)
            return opaque
        self._tally.abort = SandboxAbort(outcome.execution)
        raise self._tally.abort


class CallTally:
    """Shared by one sample's proxies: how many calls crossed, and whether the sandbox ended."""

    def __init__(self, ahead: CallsAhead | None = None) -> None:
        self.calls = 0
        self.abort: CandidateAbort | SandboxAbort | None = None
        self.last: CrossedCall | None = None  # for a failed assert's detail
        self.ahead = ahead  # the calls made ahead of the test code, if any


def make_proxies(
    session: PythonSession, names: tuple[str, ...], tally: CallTally
) -> Mapping[str, CandidateProxy]:
    return {name: CandidateProxy(session, name, tally) for name in names}
