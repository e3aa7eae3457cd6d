"""Growing a task's tests as EvalPlus does: type-aware mutation of its seed inputs, expected
results from the reference run in the sandbox, new inputs kept when they matter.

Per task: the seed inputs (its tests' arguments, judge/seed_inputs.py) are kept, each with the
reference's result. Then, for up to `tries` candidates: an input drawn from the pool (seeds and
every valid input found so far) is mutated by type (testgen/typed_inputs.py); the probe in the
sandbox (sandbox/inside/augment_probe.py) checks the task's precondition where the benchmark has
one, runs the reference (an input it raises on, or that takes it longer than a second of CPU,
is dropped), and runs each mutant of the reference not yet killed. The input is kept when the
reference's run brings a new coverage feature (a branch arc taken a new number of times, in
AFL's buckets), when it kills a mutant, or (for at most `max_novel` inputs) when the reference
answers it with a result no kept input had: behaviour the coverage of a one-line function or a
mutant cannot show (a set's order, a sign) still gets inputs. Draws come from a
generator seeded with the seed and the task id: the same seed gives the same inputs, unless the
wall-clock `budget_s` of a task runs out first (such tasks are reported).
"""

from __future__ import annotations

import ast
import time
import zlib
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from random import Random
from typing import Any

from execbench.core import AssertTests, CallTests, Limits, Task
from execbench.judge.seed_inputs import SeedCall, seed_calls
from execbench.sandbox import CallStatus, PythonSession, Sandbox
from execbench.sandbox.inside import augment_probe
from execbench.sandbox.inside.plain import NotPlainData, encode_plain
from execbench.testgen.mutants import mutants
from execbench.testgen.typed_inputs import Ingredients, edge_variants, mutate_args

_PROBE_SOURCE = Path(augment_probe.__file__).read_text(encoding="utf-8")
# Wall seconds a probe may take, beyond the CPU time its programs are given inside (it is dropped
# then): the reference's, and each live mutant's.
PROBE_SLACK_S = 2.0
SESSION_LIMITS = Limits(cpu_s=600.0, wall_s=1200.0)


@dataclass(frozen=True)
class AugmentSettings:
    seed: int = 0
    tries: int = 1000  # candidate inputs per task
    budget_s: float = 30.0  # wall seconds per task, at most
    max_new: int = 60  # inputs added per task, at most
    max_novel: int = 20  # of which kept only for an answer no kept input had
    max_edges: int = 20  # of which kept only for being an edge case of a seed
    max_mutants: int = 60


@dataclass(frozen=True)
class Case:
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    expected: Any
    seed: bool


@dataclass
class AugmentedTask:
    task_id: str
    cases: list[Case] = field(default_factory=list)
    mutants: int = 0
    killed: int = 0
    tries: int = 0
    cut_by_budget: bool = False
    skipped: str = ""  # why the task could not be augmented

    @property
    def new_cases(self) -> int:
        return sum(not case.seed for case in self.cases)


class _Probe:
    """One sandboxed session holding the probe, the reference and its mutants."""

    def __init__(self, sandbox: Sandbox, task: Task, found: list[str], precondition: str) -> None:
        self._sandbox = sandbox
        self._setup = [task.reference, found, task.entry_point, precondition]
        self._session: PythonSession | None = None
        self.kept: list[SeedCall] = []  # replayed into a new session, so coverage is not lost

    def _open(self) -> PythonSession:
        if self._session is None:
            session = self._sandbox.open_python(SESSION_LIMITS)
            loaded = session.load(_PROBE_SOURCE)
            ready = session.call("__execbench_setup__", self._setup, {}, 60.0)
            if loaded.status is not CallStatus.OK or ready.status is not CallStatus.OK:
                session.close()
                raise RuntimeError(f"the probe did not start: {ready.message or loaded.message}")
            self._session = session
            for call in self.kept:
                self.probe(call, [])
        return self._session

    def probe(self, call: SeedCall, live: list[int]) -> tuple[Any, int, list[int]] | None:
        """(expected, new coverage features, killed mutants); None: the input has no expected
        result."""
        session = self._open()
        cpu_s = augment_probe.REFERENCE_CPU_S + augment_probe.MUTANT_CPU_S * len(live)
        outcome = session.call(
            "__execbench_probe__",
            [list(call.args), dict(call.kwargs), live],
            {},
            2 * cpu_s + PROBE_SLACK_S,
        )
        if outcome.status is CallStatus.DIED:
            self.close()  # a probe that overran or crashed ends the session; the next opens one
            return None
        if outcome.status is not CallStatus.OK:
            return None
        expected, new_features, killed = outcome.value
        return expected, new_features, killed

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def augment_task(task: Task, sandbox: Sandbox, settings: AugmentSettings) -> AugmentedTask:
    result = AugmentedTask(task.task_id)
    suite = task.tests
    if not (task.reference and task.entry_point and isinstance(suite, AssertTests | CallTests)):
        result.skipped = "no Python reference, entry point, or call/assert tests"
        return result
    try:
        seeds = seed_calls(task.reference, task.entry_point, suite, sandbox)
        found = mutants(task.reference, settings.max_mutants, settings.seed)
    except (RuntimeError, SyntaxError) as exc:
        result.skipped = str(exc)
        return result
    precondition = ""
    if isinstance(suite, CallTests) and suite.from_reference is not None:
        precondition = suite.from_reference.precondition
    probe = _Probe(sandbox, task, found, precondition)
    try:
        _grow(task, seeds, probe, settings, result, len(found))
    except RuntimeError as exc:
        result.skipped = str(exc)
    finally:
        probe.close()
    return result


def _grow(
    task: Task,
    seeds: list[SeedCall],
    probe: _Probe,
    settings: AugmentSettings,
    result: AugmentedTask,
    n_mutants: int,
) -> None:
    live = list(range(1, n_mutants + 1))
    result.mutants = n_mutants
    pool: list[SeedCall] = []
    seen: set[str] = set()
    answers: set[str] = set()
    novel = 0
    for call in seeds:
        seen.add(_key(call))
        answer = probe.probe(call, live)
        if answer is not None:
            live = [number for number in live if number not in answer[2]]
            result.cases.append(Case(call.args, dict(call.kwargs), answer[0], seed=True))
            answers.add(_answer_key(answer[0]))
            pool.append(call)
            probe.kept.append(call)
    if not pool:
        raise RuntimeError("the reference answers none of the seed inputs")
    rng = Random(zlib.crc32(f"{settings.seed}/{task.task_id}".encode()))
    ingredients = Ingredients([call.args for call in pool] + [source_constants(task.reference)])
    deadline = time.monotonic() + settings.budget_s
    # Each seed's first edge case, then each one's second...: the edges of every seed get a turn.
    per_seed = [[SeedCall(args, call.kwargs) for args in edge_variants(call.args)] for call in pool]
    edges = [call for turn in zip_longest(*per_seed) for call in turn if call is not None]
    edge_kept = 0
    signs = _never_negative(pool)
    while result.tries < settings.tries and result.new_cases < settings.max_new:
        if time.monotonic() > deadline:
            result.cut_by_budget = True
            break
        result.tries += 1
        is_edge = bool(edges)
        if is_edge:
            call = edges.pop(0)
        else:
            parent = rng.choice(pool)
            call = SeedCall(mutate_args(parent.args, rng, ingredients), parent.kwargs)
        key = _key(call)
        if key in seen or not _respects(call, signs):
            continue
        seen.add(key)
        answer = probe.probe(call, live)
        if answer is None:
            continue
        expected, new_features, killed = answer
        pool.append(call)
        answer_key = _answer_key(expected)
        is_novel = answer_key not in answers and novel < settings.max_novel
        kept_edge = is_edge and edge_kept < settings.max_edges
        if new_features or killed or is_novel or kept_edge:
            novel += not (new_features or killed) and is_novel
            edge_kept += not (new_features or killed or is_novel) and kept_edge
            answers.add(answer_key)
            live = [number for number in live if number not in killed]
            result.cases.append(Case(call.args, dict(call.kwargs), expected, seed=False))
            probe.kept.append(call)
    result.killed = n_mutants - len(live)


def _never_negative(calls: list[SeedCall]) -> set[int]:
    """The positions of number arguments no seed gives a negative value: an inferred
    precondition (a count, a size, an index), kept by every new input."""
    positions = set(range(min((len(call.args) for call in calls), default=0)))
    for call in calls:
        for position in list(positions):
            value = call.args[position]
            if type(value) not in (int, float) or value < 0:
                positions.discard(position)
    return positions


def _respects(call: SeedCall, never_negative: set[int]) -> bool:
    return all(
        position >= len(call.args)
        or type(call.args[position]) not in (int, float)
        or call.args[position] >= 0
        for position in never_negative
    )


def source_constants(source: str) -> list[Any]:
    """The numbers and short strings written in `source` (docstrings aside): likely bounds."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Module)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and id(node) not in docstrings
        and type(node.value) in (int, float, str)
    ]


def _answer_key(value: Any) -> str:
    return repr(encode_plain(value))


def _key(call: SeedCall) -> str:
    try:
        return repr(encode_plain([list(call.args), dict(call.kwargs)]))
    except (NotPlainData, RecursionError):
        return repr(call)
