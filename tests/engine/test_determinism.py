"""The same samples give a byte-identical results.jsonl on every run and with any number of workers,
even where a verdict shows the iteration order of a set of strings (which follows the hash seed
of the interpreter that built the set: the sandboxed program's, or the trusted judge's)."""

from __future__ import annotations

import json
from pathlib import Path

from execbench.api import EvalConfig, evaluate_samples
from execbench.core import Limits
from execbench.tasks import LoadOptions

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
TASKS = [
    {  # a stdio program printing a set: the wrong-answer detail shows its first token
        "id": "stdio-set",
        "prompt": "",
        "tests": {"stdio": [{"input": " ".join(WORDS) + "\n", "output": "nothing"}]},
    },
    {  # a returned set shown by the trusted test code's own failure message
        "id": "assert-set",
        "prompt": "def words():\n",
        "entry_point": "words",
        "tests": {"asserts": "assert words() == set(), words()\n"},
    },
]
SAMPLES = [
    {"task_id": "stdio-set", "completion": "print(' '.join(set(input().split())))\n"},
    {"task_id": "stdio-set", "completion": "print(' '.join(list(set(input().split()))[:3]))\n"},
    {"task_id": "assert-set", "completion": f"    return set({WORDS!r})\n"},
]


def _evaluate(tmp: Path, name: str, workers: int) -> bytes:
    config = EvalConfig(
        "custom",
        out=tmp / name,
        load=LoadOptions(data=tmp / "tasks.jsonl"),
        limits=Limits(cpu_s=2.0, wall_s=10.0),
        workers=workers,
        time_policy=None,
    )
    outcome = evaluate_samples(config, tmp / "samples.jsonl")
    return (outcome.out / "results.jsonl").read_bytes()


def test_results_are_byte_identical_across_runs_and_worker_counts(tmp_path):
    (tmp_path / "tasks.jsonl").write_text("".join(json.dumps(task) + "\n" for task in TASKS))
    (tmp_path / "samples.jsonl").write_text("".join(json.dumps(s) + "\n" for s in SAMPLES))
    first = _evaluate(tmp_path, "one-worker", 1)
    assert [json.loads(line)["status"] for line in first.splitlines()] == ["failed"] * 3
    assert _evaluate(tmp_path, "two-workers", 2) == first
    assert _evaluate(tmp_path, "one-worker-again", 1) == first
