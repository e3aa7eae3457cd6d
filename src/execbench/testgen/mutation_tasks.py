"""A function-level benchmark's tasks turned into tasks whose sample is test code, scored by
mutation score (judge/mutation_tests.py): `execbench evaluate-tests`.

Each task keeps its id and its description; the model is asked for tests of the entry point.
The benchmark's own tests are the reference sample (HumanEval's `check`, MBPP's asserts), so
`validate` on these tasks scores the benchmark's own tests.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import replace

from execbench.core import AssertTests, CallTests, MutationTests, Task, UserError
from execbench.testgen.mutants import mutants

MAX_MUTANTS = 60  # per task, drawn at random (seeded) where a reference has more
INSTRUCTION = (
    "Write Python tests for the function `{entry}` described below: plain `assert` statements "
    "or `test_...` functions that call `{entry}` and check what it returns. Do not define "
    "`{entry}` yourself. Reply with the tests in a single ```python code block."
)


def mutation_task(task: Task, max_mutants: int = MAX_MUTANTS) -> Task | None:
    """The test-writing task for `task`, or None when it has no Python reference, no entry point
    or no call-style / assert-style tests to take seed inputs from."""
    suite = task.tests
    if not (task.reference and task.entry_point and task.language == "python"):
        return None
    if not isinstance(suite, AssertTests | CallTests):
        return None
    try:
        found = mutants(task.reference, max_mutants, seed=zlib.crc32(task.task_id.encode()))
    except (SyntaxError, ValueError, RecursionError):
        return None
    tests = MutationTests(task.reference, task.entry_point, tuple(found), suite)
    # The tests run beside the program, which defines what a `setup` would (HumanEval's `poly`).
    own_tests = suite.code if isinstance(suite, AssertTests) else ""
    return replace(
        task,
        tests=tests,
        reference=own_tests,
        entry_point=None,
        completion_prefix="",
        metadata={**task.metadata, "instruction": INSTRUCTION.format(entry=task.entry_point)},
    )


def mutation_tasks(tasks: Sequence[Task]) -> list[Task]:
    converted = [found for task in tasks if (found := mutation_task(task)) is not None]
    if not converted:
        raise UserError("no task has a Python reference and tests to take inputs from")
    return converted
