"""A benchmark's own test inputs, as argument lists: the seeds of mutation analysis and of test
augmentation.

Call-style suites list them. Assert-style suites (HumanEval's `check`, MBPP's asserts) are code:
their inputs are recorded by running that code here, on the trusted side, with the reference
solution standing in the sandbox behind recording proxies, so every call the asserts make (the
reference answering each, the asserts hold to the end) is seen with the arguments it had.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from execbench.core import AssertTests, CallTests, Limits, Program, Status
from execbench.judge.assert_tests import run_assert_code, sandbox_sources
from execbench.judge.candidate import CallTally, CandidateProxy, make_proxies
from execbench.sandbox import CallStatus, Sandbox
from execbench.sandbox.inside.plain import NotPlainData, encode_plain


@dataclass(frozen=True)
class SeedCall:
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]


class _Recorder:
    def __init__(self, proxy: CandidateProxy, calls: list[SeedCall]) -> None:
        self._proxy = proxy
        self._calls = calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if _plain((args, kwargs)):
            self._calls.append(SeedCall(copy.deepcopy(args), copy.deepcopy(kwargs)))
        return self._proxy(*args, **kwargs)


def seed_calls(
    reference: str, entry_point: str, suite: AssertTests | CallTests, sandbox: Sandbox
) -> list[SeedCall]:
    """The argument lists the benchmark's own tests call `entry_point` with, in order, without
    repeats. Raises RuntimeError when `reference` does not pass its own assert-style tests."""
    if isinstance(suite, CallTests):
        found = [SeedCall(tuple(case.args), {}) for case in suite.cases]
    else:
        found = _recorded(reference, entry_point, suite, sandbox)
    unique: dict[str, SeedCall] = {}
    for call in found:
        unique.setdefault(repr(encode_plain([list(call.args), dict(call.kwargs)])), call)
    return list(unique.values())


def _recorded(
    reference: str, entry_point: str, suite: AssertTests, sandbox: Sandbox
) -> list[SeedCall]:
    limits = Limits()
    calls: list[SeedCall] = []
    with sandbox.open_python(limits) as session:
        for part, source in sandbox_sources(suite, Program("python", reference)):
            loaded = session.load(source)
            if loaded.status is not CallStatus.OK:
                raise RuntimeError(f"the reference's {part} does not load: {loaded.message}")
        tally = CallTally()
        proxies = make_proxies(session, suite.entry_points, tally)
        recorders = {
            name: _Recorder(proxy, calls) if name == entry_point else proxy
            for name, proxy in proxies.items()
        }
        verdict = run_assert_code(suite, recorders, tally, limits)
    if verdict.status is not Status.PASSED or tally.abort is not None:
        raise RuntimeError(f"the reference fails its own tests: {verdict.detail}")
    return calls


def _plain(value: Any) -> bool:
    try:
        encode_plain(value)
    except (NotPlainData, RecursionError):
        return False
    return True
