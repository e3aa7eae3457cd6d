"""Judges by the type of test suite they judge: `@register_judge(MyTests)` on the function.

Built-in judges are one module each (listed below, imported on first use); plug-ins add theirs
through the entry-point group `execbench.judges`, with the TestSuite type they judge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from execbench.core import Limits, Program, Task, TestSuite, Verdict
from execbench.core.registry import Registry
from execbench.sandbox import Sandbox

Judge = Callable[[Task, Program, Sandbox, Limits], Verdict]
JUDGES: Registry[type[TestSuite], Judge] = Registry(
    "judge for test suite",
    "execbench.judges",
    modules=tuple(
        f"execbench.judge.{name}"
        for name in (
            "assert_tests",
            "call_tests",
            "efficiency_tests",
            "coverage_tests",
            "mutation_tests",
            "prediction",
            "script_tests",
            "single_run",
            "stdio_tests",
            "unittest_tests",
        )
    ),
    display=lambda suite_type: suite_type.__name__,
)


# A judge's own signature survives registration (extra keyword arguments such as a build cache).
J = TypeVar("J", bound=Judge)


@overload
def register_judge(suite_type: type[TestSuite]) -> Callable[[J], J]: ...
@overload
def register_judge(suite_type: type[TestSuite], judge: J) -> J: ...
def register_judge(suite_type: type[TestSuite], judge: Judge | None = None) -> Any:
    """Make `judge` the one for tasks whose tests are a `suite_type`; without it, a decorator."""
    return JUDGES.register(suite_type, judge)
