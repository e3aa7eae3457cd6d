"""Running a strategy end to end against a scripted chat model on 127.0.0.1.

The tasks are real benchmark records (a few, written to a --data file); the model is a function
of each request, so a test scripts when it answers right (say, only once the feedback it needs
has arrived). Everything else is real: the run store, the sandbox, the judge pool.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from execbench.api import EvalConfig, RunOutcome, run_model
from execbench.models import GenerationOptions
from execbench.strategies import make_strategy
from execbench.tasks import LoadOptions
from tests.conftest import datasets_dir
from tests.support.openai_server import ScriptedServer

Answer = Callable[[Mapping[str, Any], int], str]


def humaneval_records(*task_ids: str) -> list[dict]:
    records = [json.loads(line) for line in (datasets_dir() / "humaneval/HumanEval.jsonl").open()]
    by_id = {record["task_id"]: record for record in records}
    return [by_id[task_id] for task_id in task_ids]


def write_data(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def fenced(program: str) -> str:
    return f"Here it is:\n```python\n{program}```\n"


def run_strategy(
    out: Path | None,
    data: Path,
    server: ScriptedServer,
    strategy: str,
    options: Mapping[str, Any] | None = None,
    n: int = 1,
    benchmark: str = "humaneval",
    ks: tuple[int, ...] = (1,),
    force: bool = False,
    api: str | None = None,
) -> RunOutcome:
    """`out` None: the run's default folder (under the working directory)."""
    load = LoadOptions.from_environment(data=data)
    config = EvalConfig(benchmark, out=out, ks=ks, load=load, workers=2, force=force)
    return run_model(
        config,
        "openai:scripted",
        GenerationOptions(n=n),
        concurrency=4,
        model_settings={"base_url": server.url, "api": api},
        strategy=make_strategy(strategy, options),
    )


def passed_by_task(outcome: RunOutcome) -> dict[str, list[bool]]:
    found: dict[str, list[bool]] = {}
    for line in outcome.results:
        found.setdefault(line.task_id, []).append(line.passed)
    return found
