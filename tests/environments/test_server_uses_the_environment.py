"""The server's judging (server/judging.py, in this process): a benchmark's tasks run with its
environment's Python, /v1/run code with the one `--environment` names, and a benchmark whose
environment is not prepared is refused."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from execbench.core import Limits, SampleFormat, UserError
from execbench.server import ServerConfig
from execbench.server.judging import Judging
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.classeval import ClassEval
from tests.environments.conftest import TINY_MODULE, tiny_spec

TASK = "ClassEval_0"  # imports only the standard library
NEEDS_THE_PACKAGE = f"\nimport {TINY_MODULE}\nassert {TINY_MODULE}.ANSWER == 42\n"
READ_BACK = f"import {TINY_MODULE}\nprint({TINY_MODULE}.ANSWER)\n"


def _config(data_dir: Path, **fields) -> ServerConfig:
    return ServerConfig(workers=1, load=LoadOptions(data_dir=data_dir, offline=True), **fields)


async def _judge(judging: Judging, solution: str):
    submission = await judging.benchmark_submission(
        "classeval", TASK, None, solution, SampleFormat.SOLUTION
    )
    return (await judging.judge(submission)).verdict


def test_benchmark_tasks_and_run_code_use_the_environment(
    data_dir, wheels, tiny_env, user_cache, monkeypatch
):
    monkeypatch.setattr(ClassEval, "environment", tiny_spec(wheels))
    tasks = get_benchmark("classeval").load(LoadOptions(data_dir=data_dir))
    reference = next(task.reference for task in tasks if task.task_id == TASK)

    async def scenario() -> None:
        judging = Judging(_config(data_dir, environment="tiny"))
        try:
            verdict = await _judge(judging, reference + NEEDS_THE_PACKAGE)
            assert verdict.passed, verdict.detail
            ran = await judging.run("python", READ_BACK, b"", {}, Limits())
            assert ran.passed, ran.detail
            assert ran.execution.stdout == "42\n"  # type: ignore[attr-defined]
        finally:
            judging.close()

    asyncio.run(scenario())


def test_run_code_without_an_environment_has_not_the_package(data_dir, user_cache):
    async def scenario() -> None:
        judging = Judging(_config(data_dir))
        try:
            ran = await judging.run("python", READ_BACK, b"", {}, Limits())
            assert "ModuleNotFoundError" in ran.execution.stderr  # type: ignore[attr-defined]
        finally:
            judging.close()

    asyncio.run(scenario())


def test_a_benchmark_whose_environment_is_missing_is_refused(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))

    async def scenario() -> None:
        judging = Judging(_config(data_dir))
        try:
            with pytest.raises(UserError, match="execbench env prepare classeval"):
                await _judge(judging, "")
        finally:
            judging.close()

    asyncio.run(scenario())
