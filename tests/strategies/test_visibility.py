"""A strategy sees a task's public part only: the prompt and the visible examples, never the
tests that judge it. Checked twice: what `public_view` hands over, for every task of MBPP,
HumanEval and APPS; and every prompt the strategies actually send, on a few tasks each, with a
scripted model that is always wrong (so every repair and test request happens)."""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from typing import Any

import pytest

from execbench.core import Task
from execbench.strategies.public import public_view
from execbench.tasks import LoadOptions, get_benchmark
from tests.conftest import datasets_dir
from tests.strategies.scripted import run_strategy, write_data
from tests.support.openai_server import ScriptedServer, prompt_of


def _call_arguments(line: str, name: str) -> str | None:
    """The text between `name(` and its closing parenthesis in `line`."""
    start = line.find(f"{name}(")
    if start == -1:
        return None
    depth, begin = 0, start + len(name)
    for index in range(begin, len(line)):
        depth += {"(": 1, ")": -1}.get(line[index], 0)
        if depth == 0:
            return line[begin + 1 : index]
    return None


def hidden_mbpp(record: dict) -> list[str]:
    """MBPP's asserts after the first (which the prompt shows; some tasks repeat it)."""
    first = record["test_list"][0].strip()
    return [line.strip() for line in record["test_list"][1:] if line.strip() != first]


def hidden_humaneval(record: dict) -> list[str]:
    """The arguments of each call in HumanEval's check, where the prompt does not show them."""
    found = []
    for line in record["test"].splitlines():
        arguments = _call_arguments(line, "candidate")
        if arguments and len(arguments) > 6 and arguments not in record["prompt"]:
            found.append(arguments)
    return found


def _value(text: str) -> str:
    """An input as a value: sample `[1,2]` and test `[1, 2]` are the same input."""
    try:
        return repr(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text.strip()


def hidden_apps(record: dict) -> list[str]:
    """APPS inputs that are not among the statement's sample I/O."""
    shown = {_value(case["input"]) for case in record.get("sample_io") or []}
    return [
        case["input"].strip()
        for case in record["test_list"]
        if _value(case["input"]) not in shown
        and len(case["input"].strip()) > 12
        and case["input"].strip() not in record["description"]
    ]


def records(path: str, count: int | None = None) -> list[dict]:
    lines = (datasets_dir() / path).read_text().splitlines()
    return [json.loads(line) for line in lines[:count]]


SOURCES = {
    "mbpp": ("mbpp/mbpp.jsonl", hidden_mbpp),
    "humaneval": ("humaneval/HumanEval.jsonl", hidden_humaneval),
    "apps": ("apps-mapcoder-selected150/selected150.jsonl", hidden_apps),
}


@pytest.mark.parametrize("benchmark", sorted(SOURCES))
def test_the_public_view_of_every_task_holds_no_hidden_test(benchmark, data_dir):
    path, hidden = SOURCES[benchmark]
    tasks = get_benchmark(benchmark).load(LoadOptions(data_dir=data_dir))
    by_id: dict[str, Task] = {task.task_id: task for task in tasks}
    checked = 0
    for record in records(path):
        task_id = record_task_id(benchmark, record)
        if task_id not in by_id:
            continue  # MBPP's prompt and training splits
        view = repr(public_view(by_id[task_id]))
        secrets = [text for text in hidden(record) if repr(text)[1:-1] in view or text in view]
        assert not secrets, f"{task_id}: {secrets[0]!r} is in its public view"
        checked += 1
    assert checked >= 100


def record_task_id(benchmark: str, record: dict) -> str:
    if benchmark == "mbpp":
        return f"Mbpp/{record['task_id']}"
    if benchmark == "apps":
        return str(record["id"])
    return record["task_id"]


def always_wrong(body: Mapping[str, Any], choice: int) -> str:
    text = prompt_of(body)
    if "[reflection]:" in text:
        return "The program is wrong."
    if "Write test cases" in text or "Design tests" in text:
        return "```python\nassert f(1) == 1\n```"
    return "```python\nx = 1\n```"


RUNS = [
    ("mbpp", "self-debug"),
    ("mbpp", "reflexion"),
    ("mbpp", "agentcoder"),
    ("mbpp", "codet"),
    ("humaneval", "self-debug"),
    ("apps", "self-debug"),
]
# MBPP's test split starts at task 11; APPS's first two are call-based, the next stdio.
SUBSETS = {"mbpp": slice(10, 13), "humaneval": slice(0, 3), "apps": slice(0, 4)}


@pytest.mark.parametrize(("benchmark", "strategy"), RUNS)
def test_no_prompt_a_strategy_sends_holds_a_hidden_test(tmp_path, data_dir, benchmark, strategy):
    path, hidden = SOURCES[benchmark]
    chosen = records(path)[SUBSETS[benchmark]]
    data = write_data(tmp_path / "data.jsonl", chosen)
    options = {} if strategy == "codet" else {"rounds": 2}
    with ScriptedServer(answer=always_wrong) as server:
        outcome = run_strategy(
            tmp_path / "out", data, server, strategy, options, benchmark=benchmark
        )
        sent = [prompt_of(request.body) for request in server.requests]
    assert len(outcome.results) == len(chosen)
    assert len(sent) > len(chosen)  # repairs (or test requests) were asked for
    secrets = [text for record in chosen for text in hidden(record)]
    assert secrets
    for text in secrets:
        assert not any(text in prompt for prompt in sent), f"{text!r} was sent to the model"
