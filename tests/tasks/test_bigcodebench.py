"""BigCodeBench: data, splits and versions, and judging as its harness does, on tasks whose
libraries are the standard library's (its full environment is exercised by `validate`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from execbench.api import EvalConfig, evaluate_samples, load_all_tasks
from execbench.core import Limits, Program, Sample, SampleFormat, Status, Task, UserError
from execbench.extract import extract_program
from execbench.extract.bigcodebench_sanitize import sanitize
from execbench.extract.python import extract_python
from execbench.judge import judge
from execbench.prompts.build import PromptStyle, build_prompt
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.bigcodebench import BigCodeBench
from execbench.tasks.jsonl import read_jsonl
from tests.support import write_jsonl

LIMITS = Limits(cpu_s=20, wall_s=40)
# Standard-library tasks: 7 reads CSV files its tests write in the working directory, 158 fetches
# a URL its tests mock, 339 has tests that use the program's imports (json, hmac...) unimported.
LIGHT = ("BigCodeBench/7", "BigCodeBench/158", "BigCodeBench/339")


@pytest.fixture(scope="module")
def tasks(data_dir: Path) -> dict[str, Task]:
    loaded = get_benchmark("bigcodebench").load(LoadOptions(data_dir=data_dir))
    return {task.task_id: task for task in loaded}


def verdict(task: Task, source: str, sandbox, limits: Limits = LIMITS):
    return judge(task, Program("python", source), sandbox, limits)


def test_versions_splits_and_the_hard_subset(data_dir: Path, tasks):
    assert len(tasks) == 1140 and next(iter(tasks)) == "BigCodeBench/0"
    task = tasks["BigCodeBench/7"]
    assert task.prompt.startswith("import csv") and task.completion_prefix == task.prompt
    instruct = get_benchmark("bigcodebench").load(LoadOptions(data_dir=data_dir, split="instruct"))[
        7
    ]
    assert instruct.prompt != task.prompt and "self-contained code" in instruct.prompt
    assert instruct.reference == task.reference  # the same program either way
    # v0.1.4 (the default, as the official package's) differs from v0.1.0_hf on task 16's test.
    old = get_benchmark("bigcodebench").load(LoadOptions(data_dir=data_dir, version="v0.1.0_hf"))
    assert old[16].tests.code != tasks["BigCodeBench/16"].tests.code
    assert old[17] == tasks["BigCodeBench/17"]
    hard = get_benchmark("bigcodebench-hard").load(LoadOptions(data_dir=data_dir))
    assert len(hard) == 148 and all(task.task_id in tasks for task in hard)
    assert hard[0] == replace(tasks[hard[0].task_id], benchmark="bigcodebench-hard")


def test_an_unknown_split_or_version_is_refused(data_dir: Path):
    for load in (LoadOptions(data_dir=data_dir, split="chat"), LoadOptions(version="v9")):
        with pytest.raises(UserError, match="bigcodebench offers"):
            load_all_tasks(EvalConfig("bigcodebench", load=load))
    with pytest.raises(UserError, match="--split 'instruct': humaneval offers none"):
        load_all_tasks(EvalConfig("humaneval", load=LoadOptions(split="instruct")))


def test_prompts_are_the_harness_s(tasks):
    task = tasks["BigCodeBench/7"]
    chat = build_prompt(task, PromptStyle.CHAT).messages[0].content
    assert chat.startswith("Please provide a self-contained Python script that solves")
    assert chat.endswith(f"```\n{task.prompt.strip()}\n```\n")
    assert "\nimport " in build_prompt(task, PromptStyle.BASE).stop


@pytest.mark.parametrize("task_id", LIGHT)
def test_references_pass(task_id, tasks, sandbox):
    result = verdict(tasks[task_id], tasks[task_id].reference, sandbox)
    assert result.status is Status.PASSED, result.detail


def test_a_wrong_program_fails_and_a_crashing_one_errors(tasks, sandbox):
    task = tasks["BigCodeBench/7"]
    wrong = task.reference.replace("[0]\n", "[0][::-1]\n")
    assert wrong != task.reference
    assert verdict(task, wrong, sandbox).status is Status.FAILED
    crash = task.reference.replace("    with open", "    raise RuntimeError('boom')\n    with open")
    result = verdict(task, crash, sandbox)
    assert result.status is Status.ERROR and "boom" in result.detail


def test_a_program_without_the_prompt_s_imports_is_calibrated(tasks, sandbox):
    task = tasks["BigCodeBench/339"]
    bare = task.reference[task.reference.index("def task_func") :]
    assert "import" not in bare.split("def task_func")[0]
    assert verdict(task, bare, sandbox).status is Status.PASSED


def test_the_program_runs_where_and_as_the_harness_runs_it(tasks, sandbox):
    """A fresh empty directory, a module named __test__ holding os, sys and environ, UTC, and
    output kept in memory (20 MB printed is not the sandbox's business)."""
    task = tasks["BigCodeBench/7"]
    probe = (
        "\nassert os.listdir('.') == [], os.listdir('.')\n"
        "assert __name__ == '__test__' and __file__ == '__test__.py'\n"
        "assert environ is os.environ and sys.modules['os'] is os\n"
        "assert environ['TZ'] == 'UTC' and time.strftime('%Z') == 'UTC'\n"
        "print('x' * 20_000_000)\n"
    )
    program = "import time\n" + task.reference + probe
    assert verdict(task, program, sandbox).status is Status.PASSED
    # The same probe with a wrong assumption fails: the assertions do run.
    assert verdict(task, program.replace("== []", "== ['x']"), sandbox).status is Status.ERROR


def test_a_chat_reply_is_sanitized_as_the_harness_does(tasks, sandbox):
    task = tasks["BigCodeBench/339"]
    reply = (
        "Here is the solution:\n```python\n" + task.reference + "\n\n"
        "print(task_func({'a': 1}, 'key'))\nwhile True:\n    pass\n```\nIt signs the request."
    )
    program = extract_program(task, Sample(task.task_id, 0, reply, SampleFormat.RESPONSE))
    assert "print(" not in program.source and "while True" not in program.source
    assert program.source.startswith("import json")
    assert verdict(task, program.source, sandbox).status is Status.PASSED
    # Its own rules, not execbench's Python extractor's: a decorated helper is dropped there.
    decorated = reply.replace("def task_func", "@staticmethod\ndef task_func")
    program = extract_program(task, Sample(task.task_id, 0, decorated, SampleFormat.RESPONSE))
    assert (
        program.source
        == sanitize(decorated, "task_func")
        != extract_python(decorated, "task_func", task.completion_prefix)
    )


def test_samples_are_judged_under_the_harness_s_fixed_limits(
    data_dir: Path, tasks, tmp_path: Path, monkeypatch
):
    """Through the API, without the environment (these tasks need none of its packages)."""
    monkeypatch.setattr(BigCodeBench, "environment", None)
    source = data_dir / "bigcodebench" / "BigCodeBench-v0.1.4.reconstructed.jsonl.gz"
    records = [record for _, record in read_jsonl(source) if record["task_id"] in LIGHT[:2]]
    subset = write_jsonl(tmp_path / "subset.jsonl", records)
    reference = tasks["BigCodeBench/7"].reference
    samples = write_jsonl(
        tmp_path / "samples.jsonl",
        [
            {"task_id": "BigCodeBench/7", "solution": reference},
            {"task_id": "BigCodeBench/7", "solution": reference.replace("max(", "min(")},
            {"task_id": "BigCodeBench/158", "solution": tasks["BigCodeBench/158"].reference},
        ],
    )
    load = LoadOptions(data=subset, split="instruct")
    outcome = evaluate_samples(EvalConfig("bigcodebench", out=tmp_path / "out", load=load), samples)
    assert [line.status for line in outcome.results] == ["passed", "failed", "passed"]
    assert outcome.summary.limits["cpu_s"] == 240.0
