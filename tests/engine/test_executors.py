"""Executors behind one interface: found by name, judging tasks the jobs bring themselves, and
Ray's absence said plainly."""

from __future__ import annotations

import asyncio
import sys

import pytest

from execbench.core import Limits, Program, Status, UserError
from execbench.engine.executor import ExecutorSettings, executor_names, make_executor
from tests.support import run_cli
from tests.support.tasks import toy_task

LIMITS = Limits(cpu_s=2.0, wall_s=10.0)


def test_the_local_pool_judges_tasks_that_the_jobs_bring():
    task = toy_task("brought/0")
    right = Program("python", task.reference)
    wrong = Program("python", task.prompt + "    return a - b\n")
    executor = make_executor("local", {}, "namespace", ExecutorSettings(workers=1))

    async def judge_both():
        return await asyncio.gather(
            executor.judge(task, right, LIMITS), executor.judge(task, wrong, LIMITS)
        )

    try:
        verdicts = asyncio.run(judge_both())
    finally:
        executor.close()
    assert [verdict.status for verdict in verdicts] == [Status.PASSED, Status.FAILED]


def test_an_unknown_executor_is_refused_with_the_choices():
    assert {"local", "ray"} <= set(executor_names())
    with pytest.raises(UserError, match=r"unknown executor 'rya'.*did you mean 'ray'"):
        make_executor("rya", {}, "namespace", ExecutorSettings())


def test_ray_missing_is_a_clear_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails as if not installed
    with pytest.raises(UserError, match=r"pip install -e '\.\[ray\]'"):
        make_executor("ray", {}, "namespace", ExecutorSettings())


def test_a_ray_address_without_the_ray_executor_is_a_usage_error(tmp_path):
    result = run_cli(
        "evaluate", "-b", "humaneval", "--samples", str(tmp_path / "none.jsonl"),
        "--ray-address", "127.0.0.1:6379",
    )  # fmt: skip
    assert result.returncode == 2
    assert "--ray-address is for --executor ray" in result.stderr
