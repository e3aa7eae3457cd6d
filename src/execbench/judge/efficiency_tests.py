"""Judging efficiency tests (ENAMEL): correct on every generated input, and how fast.

The sample runs under the efficiency runner in the sandbox, which times each call in CPU seconds
and sends each output back; outputs are checked here, on the trusted side, by the benchmark's
checker against the reference's answers. ENAMEL's rules decide the verdict: a wrong output or an
exception on any input fails the sample; running out of time or memory on the first (unweighted)
level fails it too, on a later level it only stops the measuring there, and that level and those
after it score 0. The score follows judge/efficiency_score.py. A passing sample then gets a
second, separate pass that counts the Python lines each weighted input executes, scored by the
same formula against the reference's counts: an efficiency no machine's load changes.

What the verdict's `measures["enamel"]` holds: `eff` (the score eff@k averages), `levels` (each
level's score), `seconds` (each finished level's time), `reference_s`, `limit_s`, `spread` (the
median over inputs of how far the repeated times spread, relative), and the same for lines:
`eff_lines`, `lines`, `reference_lines`; `stopped` says where measuring stopped, if it did.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field, replace
from statistics import median
from typing import Any

from execbench.core import EfficiencyTests, Limits, Program, Status, Task, Verdict
from execbench.judge.efficiency_reference import (
    ReferenceFailed,
    ReferenceProfile,
    reference_profile,
)
from execbench.judge.efficiency_run import RunnerReport, run_runner
from execbench.judge.efficiency_score import hodges_lehmann, relative_spread, sample_score
from execbench.judge.outcome import ended_verdict, raised_status
from execbench.judge.registry import register_judge
from execbench.judge.task_memo import TaskMemo
from execbench.judge.trusted_clock import TrustedTimeout, trusted_deadline
from execbench.sandbox import Sandbox
from execbench.sandbox.inside.plain import decode_plain

# Room beyond the calls' own limits: starting, decoding inputs, running the program afresh.
SLACK_S = 5.0
# Counting lines slows a call down: its CPU limit is this many times the timed limit.
COUNTING_SLOWDOWN = 60.0
CHECK_DEADLINE_S = 60.0
_ENDINGS = {"timeout": Status.TIMEOUT, "memory": Status.MEMORY, "overflow": Status.ERROR}


@register_judge(EfficiencyTests)
def judge_efficiency_tests(
    task: Task, program: Program, sandbox: Sandbox, limits: Limits
) -> Verdict:
    verdict = _judge(task, program, sandbox, limits)
    if verdict.passed:
        return verdict
    return replace(verdict, measures={"enamel": {"eff": 0.0, "eff_lines": 0.0}})  # ENAMEL's 0


def _judge(task: Task, program: Program, sandbox: Sandbox, limits: Limits) -> Verdict:
    tests = task.tests
    assert isinstance(tests, EfficiencyTests)
    try:
        profile = reference_profile(task, sandbox, limits)
    except ReferenceFailed as exc:
        return Verdict(Status.SANDBOX_ERROR, str(exc))
    references = profile.slowest(tests)
    if max(references) <= 0:
        return Verdict(Status.SANDBOX_ERROR, "the reference's time could not be measured")
    limit_s = tests.timeout_factor * max(references)
    per_call_s = limit_s + tests.tolerance_s
    repeats = [tests.repeats if level.weight else 1 for level in tests.levels]
    calls = [
        (lv, case, rep)
        for lv, level in enumerate(profile.inputs)
        for case in range(len(level))
        for rep in range(repeats[lv])
    ]
    run_limits = limits.with_cpu(2 * len(calls) * per_call_s + SLACK_S)
    settings = {"mode": "time", "entry_point": tests.entry_point, "repeats": repeats}
    source = f"{tests.prelude}\n{program.source}"
    report = run_runner(
        sandbox, run_limits, source, {**settings, "limit_s": per_call_s}, profile.inputs
    )
    timed = _read_timed(report, calls, per_call_s, _checker(task, tests), profile)
    if timed.failure is not None:
        return timed.failure
    weights = [level.weight for level in tests.levels]
    eff, scores = sample_score(timed.costs, references, limit_s, weights)
    measures: dict[str, Any] = {
        "eff": round(eff, 6),
        "levels": [round(s, 6) for s in scores],
        "seconds": timed.costs,
        "reference_s": references,
        "limit_s": limit_s,
        "spread": round(median(timed.spreads), 6) if timed.spreads else 0.0,
    }
    if tests.count_lines and profile.lines is not None:
        measures.update(_count_lines(tests, source, profile, sandbox, limits, per_call_s))
    if timed.note:
        measures["stopped"] = timed.note
    # No timed figure in the detail: results.jsonl stays the same from run to run.
    return Verdict(
        Status.PASSED,
        tests_run=len(calls),
        cpu_s=report.execution.cpu_s,
        wall_s=report.execution.wall_s,
        measures={"enamel": measures},
    )


@dataclass
class _Timed:
    failure: Verdict | None = None
    costs: list[float] = field(default_factory=list)  # per finished level: its slowest input
    spreads: list[float] = field(default_factory=list)
    note: str = ""


def _read_timed(
    report: RunnerReport,
    calls: list[tuple[int, int, int]],
    per_call_s: float,
    check: Any,
    profile: ReferenceProfile,
) -> _Timed:
    times: dict[tuple[int, int], list[float]] = {}
    stopped: tuple[int, int, Status, str] | None = None  # level, case, status, why
    done = 0
    for event in report.events:
        kind = event[0]
        if kind == "ok":
            _, level, case, _, seconds, output = event
            if seconds > per_call_s:  # the runner's own timer was dodged
                stopped = (level, case, Status.TIMEOUT, "over the time limit")
                break
            if output is not None and not check(profile, level, case, output):
                where = f"level {level} input {case}"
                return _Timed(Verdict(Status.FAILED, f"wrong output on {where}", tests_run=done))
            times.setdefault((level, case), []).append(seconds)
            done += 1
        elif kind in _ENDINGS:
            stopped = (event[1], event[2], _ENDINGS[kind], kind)
            break
        elif kind == "bad_value":
            why = f"level {event[1]} input {event[2]} returned a {event[3]}, not plain data"
            return _Timed(Verdict(Status.FAILED, why, tests_run=done))
        else:  # raised
            type_name, message = str(event[3]), str(event[4])
            why = f"level {event[1]} input {event[2]} raised {type_name}: {message[:300]}"
            return _Timed(Verdict(raised_status(type_name), why, type_name, tests_run=done))
    if stopped is None and done < len(calls):
        ended = ended_verdict(report.execution, done)
        if ended.status not in (Status.TIMEOUT, Status.MEMORY) or report.done:
            return _Timed(ended)
        level, case, _ = calls[done]
        stopped = (level, case, ended.status, ended.detail)
    n_levels = len(profile.inputs)
    finished = n_levels if stopped is None else stopped[0]
    if finished == 0:
        assert stopped is not None
        return _Timed(
            Verdict(stopped[2], f"level 0 input {stopped[1]}: {stopped[3]}", tests_run=done)
        )
    costs, spreads = [], []
    for level in range(finished):
        runs = [times[(level, case)] for case in range(len(profile.inputs[level]))]
        costs.append(max(hodges_lehmann(r) for r in runs))
        spreads += [relative_spread(r) for r in runs if len(r) > 1]
    note = "" if stopped is None else f"stopped at level {stopped[0]}: {stopped[3]}"
    return _Timed(costs=costs, spreads=spreads, note=note)


def _count_lines(
    tests: EfficiencyTests,
    source: str,
    profile: ReferenceProfile,
    sandbox: Sandbox,
    limits: Limits,
    per_call_s: float,
) -> dict[str, Any]:
    """The separate pass: lines executed per weighted input, capped at the limit in lines."""
    reference = profile.slowest_lines(tests) or []
    cap = int(tests.timeout_factor * max(reference))
    weighted = [
        level if spec.weight else []
        for level, spec in zip(profile.inputs, tests.levels, strict=True)
    ]
    call_s = COUNTING_SLOWDOWN * per_call_s + 1.0
    n_calls = sum(len(level) for level in weighted)
    settings = {"mode": "count", "entry_point": tests.entry_point, "cap": cap, "limit_s": call_s}
    report = run_runner(
        sandbox, limits.with_cpu(n_calls * call_s + SLACK_S), source, settings, weighted
    )
    lines: dict[tuple[int, int], int] = {}
    for event in report.events:
        if event[0] != "lines":
            break  # over the cap, out of time, or raising: the levels from here on score 0
        lines[(event[1], event[2])] = event[3]
    finished = []
    for level, inputs in enumerate(weighted):
        if not all((level, case) in lines for case in range(len(inputs))):
            break
        finished.append(
            float(max((lines[(level, case)] for case in range(len(inputs))), default=0))
        )
    weights = [level.weight for level in tests.levels]
    eff_lines, _ = sample_score(finished, reference, float(cap), weights)
    return {
        "eff_lines": round(eff_lines, 6),
        "lines": finished,
        "reference_lines": reference,
        "python": platform.python_version(),
    }


_checkers: TaskMemo[Any] = TaskMemo()


def _checker(task: Task, tests: EfficiencyTests) -> Any:
    """`check(profile, level, case, output)`: the benchmark's checker on the decoded values, run
    here as ENAMEL runs it (after the prompt, with the function left as a stub)."""

    def build() -> Any:
        namespace: dict[str, Any] = {}
        stub = f"{tests.prelude}\n    pass\n" if tests.prelude.strip() else ""
        exec(compile(stub + tests.checker, "<checker>", "exec"), namespace)
        accept = namespace["__check"]
        decoded: dict[tuple[int, int], tuple[Any, Any]] = {}

        def check(profile: ReferenceProfile, level: int, case: int, output: Any) -> bool:
            if (level, case) not in decoded:
                pair = (
                    decode_plain(profile.inputs[level][case]),
                    decode_plain(profile.answers[level][case]),
                )
                decoded[(level, case)] = pair
            given, answer = decoded[(level, case)]
            try:
                with trusted_deadline(CHECK_DEADLINE_S):
                    return bool(accept(given, answer, decode_plain(output)))
            except (Exception, TrustedTimeout):  # a checker choking on the output rejects it
                return False

        return check

    return _checkers.get(task, build)
