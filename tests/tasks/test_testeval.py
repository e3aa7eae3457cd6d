"""TestEval's four benchmarks: one task per target, TestEval's prompts."""

from __future__ import annotations

import pytest

from execbench.core import CoverageTests
from execbench.tasks import LoadOptions, get_benchmark
from tests.conftest import datasets_dir, missing_dataset


def _load(name: str) -> list:
    if not (datasets_dir() / "testeval").is_dir():
        missing_dataset("TestEval's data is not in the shared datasets")
    return get_benchmark(name).load(LoadOptions(data_dir=datasets_dir(), offline=True))


@pytest.mark.parametrize(
    ("name", "count"),
    [("testeval", 210), ("testeval-line", 1340), ("testeval-branch", 983), ("testeval-path", 854)],
)
def test_one_task_per_target_as_the_paper_counts(name, count):
    tasks = _load(name)
    assert len(tasks) == count
    assert len({task.task_id for task in tasks}) == count
    assert all(isinstance(task.tests, CoverageTests) and not task.reference for task in tasks)


def test_prompts_are_testeval_templates():
    line = next(t for t in _load("testeval-line") if t.task_id == "TestEval/4/line/16")
    assert (
        "Your test case must cover line 16:       return self.findMedianSortedArrays" in line.prompt
    )
    assert "15. " in line.prompt  # the program is shown with line numbers
    assert line.prompt.endswith("def test_findMedianSortedArrays():\n    solution=Solution()\n")
    assert line.metadata["instruction"].startswith("You are a professional who writes Python")
    overall = _load("testeval")[0]
    assert "Please write 20 test methods" in overall.prompt and "\n15. " not in overall.prompt
    path = next(t for t in _load("testeval-path") if t.task_id == "TestEval/4/path/0")
    assert "Target execution path: 'Line 21: (l <= r)' -> " in path.prompt
    assert path.tests.log_file == "test_logs/Median of Two Sorted Arrays.log"
