"""The calls assert-style test code will make first, made ahead in one request.

HumanEval's `check` and MBPP's asserts mostly open with a run of `assert f(LITERALS) == ...`
lines. Made one by one, each call is a round trip across the sandbox boundary; read from the
test code's syntax tree, that run is sent as one batch (`PythonSession.stream_calls`) when the
test code makes its first call, and each later call of the run takes its outcome from the batch.
The test code still runs here, in order, and still sees every outcome as it would have: the
calls are the same, made in the same order in the same process, and the batch stops at the
first outcome that is not a value (the calls after it are then made live, as they come).

A call is taken from the batch only when it is the next planned one, argument for argument as
they cross the boundary; any other call while planned calls are still unread means the reading
was wrong, and the sample may have run calls the test code would not have made: `CallsAhead`
then says so (`PlanDiverged`, and `diverged`) and the judge runs the sample again without one.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from execbench.core import AssertTests
from execbench.core.python_source import parsed
from execbench.sandbox import CallBatch, CallOutcome, CallStatus, PythonSession
from execbench.sandbox.base import CallStream
from execbench.sandbox.inside.plain import NotPlainData, encode_plain

# Calls the test code may make around a planned call without reaching the candidate: builtins
# the test code cannot have rebound to it (a name it binds itself ends the plan), and `math`.
_HARMLESS = frozenset(
    {"abs", "all", "any", "bool", "dict", "float", "frozenset", "int", "isinstance", "len"}
    | {"list", "max", "min", "repr", "round", "set", "sorted", "str", "sum", "tuple", "type"}
)
# At most this many calls ahead: what a sample that fails at its first call may have run for
# nothing is bounded by the worker's rings (inside/call_batch.py), this bounds their count.
MAX_PLANNED = 256


class PlanDiverged(BaseException):
    """The test code made a call the plan did not foresee while planned calls were unread (a
    BaseException: test code that catches Exception cannot swallow it)."""


@dataclass(frozen=True)
class CallPlan:
    name: str  # the entry point every planned call is made to
    calls: CallBatch  # their argument lists, encoded once for every sample of the task


def planned_calls(tests: AssertTests) -> CallPlan | None:
    """The calls `tests` will make first, or None when it opens with none that can be read."""
    return _plan(tests.code, tests.entry_points)


@lru_cache(maxsize=4096)
def _plan(code: str, entry_points: tuple[str, ...]) -> CallPlan | None:
    module = parsed(code)
    if module is None:
        return None
    # Names the test code binds are not the builtins they may shadow. (Were the reading wrong
    # about one, say one the benchmark's setup rebinds, the tests would not make the planned
    # calls, and the sample would be judged again: the reading costs time, never a verdict.)
    reader = _PlanReader(_bound_names(module) - set(entry_points))
    reader.statements(module.body, {name: name for name in entry_points}, _functions(module))
    if not reader.calls:
        return None
    assert reader.name is not None
    return CallPlan(reader.name, CallBatch([list(args) for args in reader.calls]))


class _PlanReader:
    """Reads the leading statements whose candidate calls can be known before they run."""

    def __init__(self, rebound: set[str]) -> None:
        self.rebound = rebound  # names the test code binds: not `_HARMLESS` any more
        self.name: str | None = None
        self.calls: list[tuple[Any, ...]] = []
        self.done = False

    def statements(
        self,
        body: Sequence[ast.stmt],
        candidates: Mapping[str, str],
        functions: Mapping[str, ast.FunctionDef],
    ) -> None:
        """`candidates`: the names that stand for an entry point here, mapped to it."""
        for statement in body:
            if self.done:
                return
            self.statement(statement, candidates, functions)

    def statement(
        self,
        statement: ast.stmt,
        candidates: Mapping[str, str],
        functions: Mapping[str, ast.FunctionDef],
    ) -> None:
        if isinstance(statement, ast.FunctionDef | ast.Import | ast.ImportFrom | ast.Pass):
            return  # a definition runs nothing; an import cannot reach the candidate
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            return  # a docstring
        if isinstance(statement, ast.Assign | ast.AnnAssign) and not _calls(statement):
            return  # METADATA = {...}
        if isinstance(statement, ast.Assert):
            self.assertion(statement.test, candidates)
            return
        called = _called_function(statement, candidates, functions)
        if called is not None:
            function, entry_point = called
            parameter = function.args.args[0].arg
            inner = {name: to for name, to in candidates.items() if name != parameter}
            self.statements(function.body, {**inner, parameter: entry_point}, functions)
            return
        self.done = True

    def assertion(self, test: ast.expr, candidates: Mapping[str, str]) -> None:
        planned: list[tuple[str, tuple[Any, ...]]] = []
        for call in _calls(test):
            func = call.func
            if isinstance(func, ast.Name) and func.id in candidates:
                args = _literal_arguments(call)
                if args is None:
                    self.done = True
                    return
                planned.append((candidates[func.id], args))
            elif not _harmless(func, self.rebound):
                self.done = True
                return
        if len(planned) > 1:
            self.done = True
            return
        for entry_point, args in planned:
            if self.name not in (None, entry_point) or len(self.calls) >= MAX_PLANNED:
                self.done = True
                return
            self.name = entry_point
            self.calls.append(args)


def _calls(node: ast.AST) -> list[ast.Call]:
    """The calls in `node`, in no particular order (constants, most of a test's nodes, skipped)."""
    found = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.Call):
            found.append(current)
        pending.extend(c for c in ast.iter_child_nodes(current) if type(c) is not ast.Constant)
    return found


def _harmless(func: ast.expr, rebound: set[str]) -> bool:
    if isinstance(func, ast.Name):
        return func.id in _HARMLESS and func.id not in rebound
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "math"
        and "math" not in rebound
    )


def _literal_arguments(call: ast.Call) -> tuple[Any, ...] | None:
    if call.keywords or any(isinstance(arg, ast.Starred) for arg in call.args):
        return None
    try:
        return tuple(ast.literal_eval(arg) for arg in call.args)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _called_function(
    statement: ast.stmt, candidates: Mapping[str, str], functions: Mapping[str, ast.FunctionDef]
) -> tuple[ast.FunctionDef, str] | None:
    """`check(candidate)`: a module-level function of one parameter, given an entry point."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return None
    call = statement.value
    if not (isinstance(call.func, ast.Name) and call.func.id in functions) or call.keywords:
        return None
    if len(call.args) != 1 or not isinstance(call.args[0], ast.Name):
        return None
    function = functions[call.func.id]
    arguments = function.args
    simple = len(arguments.args) == 1 and not (
        arguments.posonlyargs or arguments.kwonlyargs or arguments.vararg or arguments.kwarg
    )
    entry_point = candidates.get(call.args[0].id)
    if not simple or function.decorator_list or entry_point is None:
        return None
    return function, entry_point


def _functions(module: ast.Module) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in module.body if isinstance(node, ast.FunctionDef)}


def _bound_names(tree: ast.AST) -> set[str]:
    """Every name `tree` binds (assigned, defined, imported, a parameter) outside its asserts,
    whose literals can be most of a test file (HumanEval-ET: ~100 asserts a task)."""
    names: set[str] = set()
    for node in _outside_asserts(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


class CallsAhead:
    """One sample's planned calls: streamed from its first planned call, read in order."""

    def __init__(self, session: PythonSession, plan: CallPlan) -> None:
        self._session = session
        self._plan = plan
        self._stream: CallStream | None = None
        self._read = 0
        self._open = True  # planned calls may still be taken from the stream
        self.diverged = False

    def outcome(
        self, name: str, args: Sequence[Any], kwargs: Mapping[str, Any]
    ) -> CallOutcome | None:
        """This call's outcome from the stream, or None: make it live."""
        if self.diverged:
            raise PlanDiverged
        if not self._open:
            return None
        if not self._planned(name, args, kwargs):
            self._open = False
            if self._stream is not None:  # the sample may have made calls the tests did not
                self.diverged = True
                raise PlanDiverged
            return None
        if self._stream is None:
            self._stream = self._session.stream_calls(name, self._plan.calls)
        outcome = self._stream.next()
        self._read += 1
        if outcome.status is not CallStatus.OK or self._read == len(self._plan.calls):
            self._open = False  # the batch stopped there, or is done: the rest are made live
        return outcome

    def _planned(self, name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> bool:
        if name != self._plan.name or kwargs:
            return False
        try:
            encoded = json.dumps(encode_plain(list(args)))
        except (NotPlainData, ValueError, TypeError, RecursionError):
            return False
        return encoded == self._plan.calls.encoded(self._read)


def _outside_asserts(tree: ast.AST) -> Iterator[ast.AST]:
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.Assert))
