import asyncio
import json

import pytest

from execbench.core import SampleFormat, UserError
from execbench.models import GenerationOptions, make_model
from execbench.models.stream import GenerationTotals, generate_samples
from tests.support.tasks import toy_task

TASKS = [toy_task("toy/0"), toy_task("toy/1")]


def _stream(path, n):
    totals = GenerationTotals()

    async def go():
        model = make_model(f"samples:{path}")
        stream = generate_samples(model, TASKS, GenerationOptions(n=n), 4, None, totals)
        return [s async for s in stream]

    return asyncio.run(go()), totals


def test_samples_file_answers_in_file_order_and_reports_short_tasks(tmp_path):
    path = tmp_path / "s.jsonl"
    lines = [
        {"task_id": "toy/0", "completion": "    return a + b\n"},
        {"task_id": "toy/0", "solution": "def add(a, b):\n    return 0\n"},
        {"task_id": "toy/1", "response": "```python\ndef add(a, b):\n    return b + a\n```"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    samples, totals = _stream(path, 2)
    got = {(s.task_id, s.sample_index): s.format for s in samples}
    assert got == {("toy/0", 0): SampleFormat.COMPLETION, ("toy/0", 1): SampleFormat.SOLUTION}
    assert "holds 1 samples for toy/1" in totals.failures["toy/1"]
    samples, totals = _stream(path, 1)
    assert len(samples) == 2 and not totals.failures


def test_samples_file_errors_name_the_file(tmp_path):
    with pytest.raises(UserError, match="name the file"):
        make_model("samples:")
    with pytest.raises(UserError, match="no such samples file"):
        _stream(tmp_path / "missing.jsonl", 1)
