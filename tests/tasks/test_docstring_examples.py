"""Visible examples: what a prompt's docstring shows, as asserts; and what the adapters declare
public (HumanEval's and EvalPlus's docstring examples, MBPP's first assert, APPS's sample I/O)
holds for the reference solutions."""

from __future__ import annotations

import asyncio

import pytest

from execbench.core import Limits, Program, Task
from execbench.strategies.execution import CaseRunner
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.docstring_examples import docstring_examples

PROMPT = '''def f(xs: list, n: int) -> int:
    """Sums.
    >>> f([1, 2], 3)
    6
    >>> round(f([0.5], 1), 1)
    0.5

    f([1], 2) ➞ 3
    f([2], 2) => 4
    f([3], 2) == 5
    f([4], 2) returns 6
    f([5], 2) should return 7.
    f([6], 2) # => 8
    f([7], 2) = 9
    f([1], 2) == something     (not a literal: skipped)
    f([1], 2) => true          (not Python: skipped)
    f([1], 2) -> 19 - 5 = 14   (arithmetic prose: skipped)
    >>> f([1, 2], 3)
    6
    """
'''


def test_every_way_a_docstring_writes_an_example_becomes_an_assert():
    assert docstring_examples(PROMPT, "f") == (
        "assert f([1, 2], 3) == 6",
        "assert round(f([0.5], 1), 1) == 0.5",
        "assert f([1], 2) == 3",
        "assert f([2], 2) == 4",
        "assert f([3], 2) == 5",
        "assert f([4], 2) == 6",
        "assert f([5], 2) == 7",
        "assert f([6], 2) == 8",
        "assert f([7], 2) == 9",
    )


def test_the_base_cases_of_a_recurrence_are_not_examples():
    prompt = (
        'def tri(n):\n    """tri(1) = 3\n    tri(n) = tri(n - 1) + 1\n    tri(2) == 4\n    """\n'
    )
    assert docstring_examples(prompt, "tri") == ("assert tri(2) == 4",)


def test_assert_lines_in_a_prompt_are_kept_as_written():
    prompt = '"""\nWrite g.\nassert set(g((1, 2), (2, 3))) == set((2,))\n"""\n'
    assert docstring_examples(prompt, "g") == ("assert set(g((1, 2), (2, 3))) == set((2,))",)


def _failing_on_reference(tasks: list[Task]) -> dict[str, list[str]]:
    runner = CaseRunner("namespace", workers=2, limits=Limits.for_cpu(5.0))

    async def run_all():
        return await asyncio.gather(
            *(
                runner.run_asserts(
                    Program("python", t.reference), t.examples.asserts, 2.0, t.examples.setup
                )
                for t in tasks
            )
        )

    try:
        outcomes = asyncio.run(run_all())
    finally:
        runner.close()
    return {
        task.task_id: [o.case for o in found if not o.passed]
        for task, found in zip(tasks, outcomes, strict=True)
        if not all(o.passed for o in found)
    }


def test_humaneval_examples_hold_for_the_reference_but_where_its_docstring_errs(data_dir):
    tasks = get_benchmark("humaneval").load(LoadOptions(data_dir=data_dir))
    with_examples = [task for task in tasks if task.examples.asserts]
    assert len(with_examples) == 132
    # Every third task keeps the test light; 47 and 148 are HumanEval's own wrong examples.
    chosen = with_examples[::3] + [
        t for t in tasks if t.task_id in ("HumanEval/47", "HumanEval/148")
    ]
    assert set(_failing_on_reference(chosen)) == {"HumanEval/47", "HumanEval/148"}


def test_mbpp_shows_its_first_assert_and_runs_it_with_the_setup_its_harness_adds(data_dir):
    tasks = {t.task_id: t for t in get_benchmark("mbpp").load(LoadOptions(data_dir=data_dir))}
    chosen = [tasks["Mbpp/11"], tasks["Mbpp/367"]]  # 367 builds trees of the program's Nodes
    assert all(len(t.examples.asserts) == 1 for t in chosen)
    assert tasks["Mbpp/367"].examples.setup.strip()
    assert _failing_on_reference(chosen) == {}
    instruction = tasks["Mbpp/11"].examples.instruction
    assert instruction is not None and instruction.count("assert ") == 1


@pytest.mark.parametrize("call_based", [True, False])
def test_apps_shows_its_sample_io(data_dir, call_based):
    tasks = get_benchmark("apps").load(LoadOptions(data_dir=data_dir))
    task = next(
        t
        for t in tasks
        if t.metadata["call_based"] is call_based and t.examples != type(t.examples)()
    )
    if call_based:
        assert task.examples.asserts and not task.examples.stdio
        assert task.examples.asserts[0].startswith(f"assert {task.entry_point}(")
    else:
        assert task.examples.stdio and not task.examples.asserts
