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
    assert result.status is Status.ERROR and "results are not readable" in result.detail


def test_candidate_cannot_read_the_nonce_from_stdin(tasks):
    task = tasks["ClassEval_0"]
    steal = task.reference + "\nimport sys\nassert sys.stdin.read() == ''\n"
    assert verdict(task, steal).passed


# Each attack looks for the run's nonce where in-process code could find it; if it does, it writes
# a report of every class passing (in the runner's report format) to every descriptor it has and
# to the runner's stdout through /proc, and leaves before the real tests run. The class under test
# is missing, so no genuine run passes.
FORGE = r"""
import gc, json, os, re, sys

_NONCE = re.compile(rb"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
_CLASSES = %r


def _publish(nonce):
    passing = {name: {"run": 1, "failures": 0, "errors": 0, "message": ""} for name in _CLASSES}
    report = {"classes": passing, "ended": {"exit_code": 0}, "results": {"classes": passing}}
    line = f"EXECBENCH-REPORT {nonce} {json.dumps(report)}\n".encode()
    for fd in range(64):
        try:
            os.write(fd, line)
        except OSError:
            pass
    for pid in (os.getpid(), os.getppid()):
        try:
            with open(f"/proc/{pid}/fd/1", "wb") as stdout:
                stdout.write(line)
        except OSError:
            pass
    os._exit(0)


def _search(data):
    found = _NONCE.search(data if isinstance(data, bytes) else str(data).encode())
    if found:
        _publish(found.group().decode())


def frame_walk():
    frame = sys._getframe()
    while frame is not None:
        _search(repr(frame.f_locals))
        frame = frame.f_back


def heap():
    for obj in gc.get_objects():
        if isinstance(obj, dict | list | tuple):
            _search(repr(obj)[:100000])


def stdin():
    chunks = [sys.stdin.read()]
    for path in ("/dev/stdin", f"/proc/{os.getppid()}/fd/0"):
        try:
            chunks.append(open(path).read())
        except OSError:
            pass
    _search("".join(chunks))


def memory():
    for pid in (os.getpid(), os.getppid()):
        try:
            maps = open(f"/proc/{pid}/maps").read().splitlines()
            mem = open(f"/proc/{pid}/mem", "rb")
        except OSError:
            continue
        for line in maps:
            span, perms = line.split()[:2]
            if not perms.startswith("rw"):
                continue
            start, end = (int(part, 16) for part in span.split("-"))
            try:
                mem.seek(start)
                _search(mem.read(min(end - start, 1 << 26)))
            except (OSError, ValueError, OverflowError):
                pass


%s()
"""


@pytest.mark.parametrize("attack", ["frame_walk", "heap", "stdin", "memory"])
def test_the_candidate_cannot_find_the_nonce_nor_write_the_report(tasks, attack):
    task = tasks["ClassEval_0"]
    result = verdict(task, FORGE % (list(task.tests.test_classes), attack))
    assert not result.passed, result


def test_the_runner_keeps_its_memory_and_descriptors_to_itself(tasks):
    task = tasks["ClassEval_0"]
    probe = (
        task.reference
        + "\nimport os\n"
        + "for path in ('mem', 'fd/1', 'environ'):\n"
        + "    try:\n"
        + "        open(f'/proc/{os.getppid()}/{path}', 'rb').close()\n"
        + "        raise SystemExit(f'the runner\\'s {path} is open to the candidate')\n"
        + "    except PermissionError:\n"
        + "        pass\n"
    )
    assert verdict(task, probe).passed


def test_a_test_process_out_of_cpu_is_a_timeout(tasks):
    spin = tasks["ClassEval_0"].reference + "\nwhile True:\n    pass\n"
    limits = Limits(cpu_s=1, wall_s=10)
    result = judge(tasks["ClassEval_0"], Program("python", spin), session_sandbox(), limits)
    assert result.status is Status.TIMEOUT, result


def test_syntax_error_is_a_compile_error(tasks):
    assert verdict(tasks["ClassEval_0"], "class Broken(:\n").status is Status.COMPILE_ERROR
