"""A reply with no code is said to have none, whatever the benchmark: not an error of its tests."""

from __future__ import annotations

import pytest

from execbench.core import Limits, Sample, SampleFormat, Status
from execbench.extract import extract_program
from execbench.judge import NO_CODE, judge
from execbench.tasks import LoadOptions, get_benchmark

REFUSAL = "I'm sorry, I cannot help with that."


@pytest.mark.parametrize(
    ("benchmark", "language"),
    [("humaneval", None), ("classeval", None), ("humaneval-x", "cpp"), ("cruxeval-o", None)],
)
@pytest.mark.parametrize("reply", [REFUSAL, ""])
def test_a_reply_without_code_is_a_compile_error_saying_so(
    benchmark, language, reply, data_dir, sandbox
):
    task = get_benchmark(benchmark).load(LoadOptions(data_dir=data_dir, language=language))[0]
    program = extract_program(task, Sample(task.task_id, 0, reply, SampleFormat.RESPONSE))
    verdict = judge(task, program, sandbox, Limits(cpu_s=2, wall_s=5))
    assert (verdict.status, verdict.detail) == (Status.COMPILE_ERROR, NO_CODE)
