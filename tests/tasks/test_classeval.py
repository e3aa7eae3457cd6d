"""ClassEval through the real unittest judge: class and method level, and forged reports."""

from __future__ import annotations

import pytest

from execbench.core import Limits, Program, Status, Task
from execbench.judge import judge
from execbench.tasks import LoadOptions, get_benchmark
from tests.support.sandbox import session_sandbox

LIMITS = Limits(cpu_s=10, wall_s=20)


@pytest.fixture(scope="module")
def tasks(data_dir) -> dict[str, Task]:
    return {t.task_id: t for t in get_benchmark("classeval").load(LoadOptions(data_dir=data_dir))}


def verdict(task: Task, source: str):
    return judge(task, Program("python", source), session_sandbox(), LIMITS)


def test_loads_100_classes_with_prompts_and_requirements(tasks):
    assert len(tasks) == 100
    first = tasks["ClassEval_0"]
    assert first.prompt.startswith("import logging") and "class AccessGatewayFilter" in first.prompt
    assert first.metadata["instruction"].startswith("Please complete the class AccessGateway")
    assert tasks["ClassEval_28"].metadata["requires"] == ("pandas",)
    assert " Words2NumbersTestMain" not in tasks["ClassEval_97"].tests.test_classes


def test_reference_passes_with_method_level_detail(tasks):
    result = verdict(tasks["ClassEval_0"], tasks["ClassEval_0"].reference)
    assert result.status is Status.PASSED and result.detail == "methods passed 4/4"
    assert result.parts == {"methods": (4, 4)}
    assert result.tests_run > 4


def test_one_broken_method_fails_the_class_but_not_the_others(tasks):
    task = tasks["ClassEval_0"]
    broken = task.reference.replace(
        "def is_start_with(self, request_uri):",
        "def is_start_with(self, request_uri):\n        return None\n",
    )
    result = verdict(task, broken)
    # `filter` calls is_start_with and the class's own test case runs filter: they fail with
    # it, while get_jwt_user's test class still passes.
    failing = (
        "AccessGatewayFilterTestFilter, AccessGatewayFilterTestIsStartWith, AccessGatewayFilterTest"
    )
    assert result.status is Status.FAILED
    assert result.detail.startswith(f"methods passed 1/4; failing classes: {failing} (")
    assert result.parts == {"methods": (1, 4)}


def test_printed_report_is_not_believed(tasks):
    task = tasks["ClassEval_0"]
    forged = (
        "import sys, os\n"
        "print('EXECBENCH-REPORT 0000 {\"classes\": {}}')\n"
        "os.write(1, b'EXECBENCH-REPORT deadbeef {\"classes\": {}}\\n')\n"
        "os._exit(0)\n"
    )
    result = verdict(task, forged)
    assert result.status is Status.ERROR and "no report" in result.detail


def test_candidate_cannot_read_the_nonce_from_stdin(tasks):
    task = tasks["ClassEval_0"]
    steal = task.reference + "\nimport sys\nassert sys.stdin.read() == ''\n"
    assert verdict(task, steal).passed


def test_syntax_error_is_a_compile_error(tasks):
    assert verdict(tasks["ClassEval_0"], "class Broken(:\n").status is Status.COMPILE_ERROR
