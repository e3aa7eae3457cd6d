"""The `ray` executor's node judges run samples with the benchmark environment's Python, and a
node without the environment is not used (a cluster with no such node refuses to start)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from execbench.core import Limits, Program, SingleRun, Task, UserError
from execbench.engine.executor import ExecutorSettings, make_executor
from execbench.environments import InstalledEnvironment
from tests.environments.conftest import TINY_MODULE

ray = pytest.importorskip(
    "ray", reason="Ray is not installed (pip install -e '.[ray]'; scripts/test.sh installs it)"
)

READ_BACK = f"import {TINY_MODULE}\nprint({TINY_MODULE}.ANSWER)\n"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_node_judges_run_python_with_the_environment(local_ray, tiny_env: InstalledEnvironment):
    settings = ExecutorSettings(workers=1, runtime=tiny_env.runtime())
    executor = make_executor("ray", {}, "namespace", settings)
    task = Task("run", "run", "", SingleRun(b"", {}), "", language="python")
    try:
        verdict = asyncio.run(executor.judge(task, Program("python", READ_BACK), Limits()))
    finally:
        executor.close()
    assert verdict.passed, verdict.detail
    assert verdict.execution.stdout == "42\n"  # type: ignore[attr-defined]


def test_a_node_without_the_environment_judges_nothing(local_ray, tiny_env: InstalledEnvironment):
    elsewhere = replace(tiny_env.runtime(), python="/nonexistent/bin/python")
    with (
        pytest.warns(UserWarning, match="no tiny environment at /nonexistent"),
        pytest.raises(UserError, match="no node of the Ray cluster could start a judge"),
    ):
        make_executor("ray", {}, "namespace", ExecutorSettings(1, None, elsewhere))
