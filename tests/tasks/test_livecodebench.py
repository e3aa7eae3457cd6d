"""LiveCodeBench: its files found and decoded as published, its problems judged as its harness
judges them (the fixture holds real LeetCode problems: tests/tasks/livecodebench_fixture.py)."""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from execbench.core import Limits, Program, Status, UserError
from execbench.judge import judge
from execbench.strategies.execution import CaseRunner
from execbench.strategies.public import public_view
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.livecodebench.testcases import decode_cases
from tests.tasks.livecodebench_fixture import Fixture, encode_private, write_fixture


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Fixture:
    return write_fixture(tmp_path_factory.mktemp("lcb"), data_dir)


def _load(directory: Path, release: str | None = None) -> list:
    return get_benchmark("livecodebench").load(LoadOptions(data=directory, version=release))


def test_releases_by_livecodebench_names(fixture: Fixture) -> None:
    v1 = [task.task_id for task in _load(fixture.generation, "release_v1")]
    cumulative = [task.task_id for task in _load(fixture.generation, "release_v2")]
    assert v1 == ["3014", "2965", "2780", "2790", "abc900_a", "abc900_b"]
    assert cumulative == [*v1, "2894", "2864", "1900A"]
    assert [task.task_id for task in _load(fixture.generation)] == cumulative  # release_latest
    assert [task.task_id for task in _load(fixture.generation, "v2")] == cumulative[6:]
    assert [task.task_id for task in _load(fixture.generation, "v1_v2")] == cumulative
    assert [task.task_id for task in _load(fixture.generation, "v1")] == v1


def test_a_release_whose_files_are_missing_is_named(fixture: Fixture) -> None:
    with pytest.raises(UserError, match=r"release_v3 needs test3\.jsonl; download it with"):
        _load(fixture.generation, "release_v3")
    with pytest.raises(UserError, match=r"v2_v4 needs test3\.jsonl, test4\.jsonl"):
        _load(fixture.generation, "v2_v4")
    for wrong in ("v3_v1", "latest", "release_v0"):
        with pytest.raises(UserError, match="expected release_latest, release_vN"):
            _load(fixture.generation, wrong)


def test_one_file_alone(fixture: Fixture) -> None:
    tasks = _load(fixture.generation / "test2.jsonl")
    assert [task.task_id for task in tasks] == ["2894", "2864", "1900A"]
    with pytest.raises(UserError, match="--release chooses files in a directory"):
        _load(fixture.generation / "test2.jsonl", "release_v2")


def test_found_in_the_hugging_face_cache(fixture: Fixture, tmp_path: Path) -> None:
    repo = tmp_path / "hub" / "datasets--livecodebench--code_generation_lite"
    shutil.copytree(fixture.generation, repo / "snapshots" / "0123abc")
    (repo / "snapshots" / "old").mkdir()  # a revision refs/main does not name
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0123abc\n")
    options = LoadOptions(hf_hub_cache=tmp_path / "hub", version="release_v1")
    assert len(get_benchmark("livecodebench").load(options)) == 6
    environment = {"HF_HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    assert LoadOptions.from_environment(environ=environment).hf_hub_cache == tmp_path / "hub"


def test_absent_data_says_how_to_get_it(tmp_path: Path) -> None:
    options = LoadOptions(hf_hub_cache=tmp_path, data_dir=tmp_path)
    with pytest.raises(UserError, match="huggingface-cli download livecodebench/code_generation"):
        get_benchmark("livecodebench").load(options)


def test_private_cases_decode_from_both_published_forms(fixture: Fixture) -> None:
    cases = [{"input": "1\n", "output": "2\n", "testtype": "stdin"}]
    path = Path("test.jsonl")
    assert decode_cases(encode_private(cases), "private_test_cases", path, 3)[0].output == "2\n"
    assert decode_cases(json.dumps(cases), "private_test_cases", path, 3)[0].input == "1\n"
    tasks = {task.task_id: task for task in _load(fixture.generation)}
    assert len(tasks["abc900_a"].tests.cases) == 3  # 1 public + 2 private, plain JSON
    assert len(tasks["3014"].tests.cases) == 8  # 2 public + 6 private, encoded


class _Payload:
    """What a hostile data file pickles: unpickling it would run a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_that_would_run_code_is_refused(tmp_path: Path) -> None:
    import base64
    import zlib

    marker = tmp_path / "pwned"
    hostile = base64.b64encode(zlib.compress(pickle.dumps(_Payload(marker)))).decode()
    assert not marker.exists()
    with pytest.raises(UserError, match=r"x\.jsonl:7: field 'private_test_cases'.*refused"):
        decode_cases(hostile, "private_test_cases", Path("x.jsonl"), 7)
    assert not marker.exists()


def test_bad_records_name_file_line_and_field(fixture: Fixture, tmp_path: Path) -> None:
    lines = (fixture.generation / "test2.jsonl").read_text().splitlines()
    record = json.loads(lines[1])
    record["metadata"] = "{not json"
    bad = tmp_path / "test.jsonl"
    bad.write_text(lines[0] + "\n" + json.dumps(record) + "\n")
    with pytest.raises(UserError, match=r"test\.jsonl:2: field 'metadata': not JSON"):
        _load(bad)


def _verdict(fixture: Fixture, sandbox, task_id: str, source: str):
    task = {task.task_id: task for task in _load(fixture.generation)}[task_id]
    return judge(task, Program("python", source), sandbox, Limits(cpu_s=5, wall_s=10))


def test_references_pass_and_wrong_solutions_fail(fixture: Fixture, sandbox) -> None:
    # A stdin problem, a functional one returning a tuple, and the decimal comparison.
    for task_id in ("abc900_a", "abc900_b", "2965", "1900A"):
        passed = _verdict(fixture, sandbox, task_id, fixture.references[task_id])
        assert passed.status is Status.PASSED, (task_id, passed.detail)
        failed = _verdict(fixture, sandbox, task_id, fixture.wrong[task_id])
        assert not failed.passed, task_id
    rounded = _verdict(fixture, sandbox, "abc900_b", fixture.wrong["abc900_b"])
    assert "line 1: expected '1.3333333333333333', got '1.333'" in rounded.detail


def test_functional_results_are_compared_exactly(fixture: Fixture, sandbox) -> None:
    # 2894 differenceOfSums(n, m): a float equal in value passes `==`, as in the harness...
    source = "class Solution:\n    def differenceOfSums(self, n, m):\n"
    body = "        return float(sum(i if i % m else -i for i in range(1, n + 1)))\n"
    assert _verdict(fixture, sandbox, "2894", source + body).status is Status.PASSED
    # ...but no tolerance: a result off by 1e-9 is wrong.
    off = body.replace("float(", "1e-9 + float(")
    assert _verdict(fixture, sandbox, "2894", source + off).status is Status.FAILED
    missing = _verdict(fixture, sandbox, "2894", "class Solution:\n    pass\n")
    assert missing.status is Status.ERROR and "AttributeError" in missing.detail


def _stdin_task(cases: list[tuple[str, str]]):
    from execbench.tasks.livecodebench.generation import generation_task

    tests = [{"input": i, "output": o, "testtype": "stdin"} for i, o in cases]
    record = {
        "question_title": "t", "question_content": "c", "platform": "atcoder",
        "question_id": "abc0_z", "contest_id": "abc0", "contest_date": "2024-01-01T00:00:00",
        "starter_code": "", "difficulty": "easy", "public_test_cases": json.dumps(tests),
        "private_test_cases": json.dumps([]), "metadata": "{}",
    }  # fmt: skip
    return generation_task(record, Path("test.jsonl"), 1)


@pytest.mark.parametrize(
    ("program", "status"),
    [
        # readline() gives lines without their newline, as the harness's stand-in does
        ("import sys\nprint(len(sys.stdin.readline()), len(sys.stdin.readline()))", "passed"),
        ("print(len(input()), len(input()))", "passed"),
        # `open` is io.open there (its star imports), reading the real, drained, stdin
        ("print(*map(len, open(0).read().split()))", "failed"),
        # buffer.readline() is always the first line there: the fast-input idiom fails
        ("import sys\nr = sys.stdin.buffer.readline\nprint(len(r()) - 1, len(r()) - 1)", "failed"),
        ("import sys\nprint(*[len(line.strip()) for line in sys.stdin])", "error"),  # no iteration
        ("import sys\nsys.stdout.buffer.write(b'2 3')", "error"),  # no sys.stdout.buffer
        ("from sys import stdin\nprint(len(stdin.readline()))", "failed"),  # the real, drained one
    ],
)
def test_stdin_is_the_harness_stand_in(sandbox, program: str, status: str) -> None:
    task = _stdin_task([("ab\ncde\n", "2 3\n")])
    verdict = judge(task, Program("python", program), sandbox, Limits(cpu_s=5, wall_s=10))
    assert verdict.status is Status(status), verdict.detail


def test_the_public_tests_are_what_a_strategy_may_run_and_they_hold_for_the_reference(
    fixture: Fixture,
) -> None:
    tasks = _load(fixture.generation)
    runner = CaseRunner("namespace", workers=2, limits=Limits.for_cpu(5.0))

    async def outcomes(task, source: str):
        view = public_view(task)
        program = view.runnable(Program("python", source))  # as the judge assembles it
        if view.stdio is not None:
            return await runner.run_stdio(program, view.stdio)
        return await runner.run_asserts(program, view.asserts, 2.0, view.assert_setup)

    async def every(sources: dict[str, str]):
        return await asyncio.gather(*(outcomes(t, sources[t.task_id]) for t in tasks))

    try:
        right, wrong = asyncio.run(every(fixture.references)), asyncio.run(every(fixture.wrong))
    finally:
        runner.close()
    assert all(task.examples.asserts or task.examples.stdio for task in tasks)
    for task in tasks:  # only the public cases: fewer than the task's tests
        shown = task.examples.asserts or task.examples.stdio
        assert 0 < len(shown) < len(task.tests.cases)  # type: ignore[union-attr]
    assert all(o.passed for found in right for o in found)
    assert any(not o.passed for found in wrong for o in found)
