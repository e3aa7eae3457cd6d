"""The custom benchmark: the documented schema in YAML and JSONL, and errors naming file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from execbench.api import EvalConfig, load_tasks
from execbench.core import CallTests, Limits, Program, Status, StdioTests, UserError
from execbench.judge import judge
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.custom import load_custom
from tests.support.sandbox import session_sandbox

YAML_TASKS = """\
tasks:
  - id: add
    prompt: |
      def add(a, b):
    entry_point: add
    reference: |
      def add(a, b):
          return a + b
    date: 2024-05-01
    tests:
      asserts: |
        assert add(1, 2) == 3
        assert add(-1, 1) == 0
  - id: double
    prompt: Read n and print 2n.
    instruction: Write a program that reads n and prints 2n.
    reference: print(2 * int(input()))
    tests:
      stdio:
        - {input: "2\\n", output: "4\\n"}
        - {input: "5\\n", output: "10"}
  - id: halves
    prompt: "def half(x):\n"
    entry_point: half
    tests:
      calls:
        - {args: [3], expected: 1.5}
        - {args: [[1]], expected: {a: 1}}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_yaml_tasks_load_with_every_kind_of_test(tmp_path):
    tasks = get_benchmark("custom").load(LoadOptions(data=write(tmp_path, "t.yaml", YAML_TASKS)))
    add, double, halves = tasks
    assert add.metadata["date"] == "2024-05-01" and add.completion_prefix == add.prompt
    assert isinstance(double.tests, StdioTests) and double.completion_prefix == ""
    assert double.metadata["instruction"].startswith("Write a program")
    assert isinstance(halves.tests, CallTests)
    assert halves.tests.cases[1].expected == {"a": 1}  # nested mappings stay plain data


def test_references_pass_through_the_real_judges(tmp_path):
    tasks = load_custom(write(tmp_path, "t.yaml", YAML_TASKS))
    for task in tasks[:2]:
        verdict = judge(task, Program("python", task.reference), session_sandbox(), Limits())
        assert verdict.status is Status.PASSED, (task.task_id, verdict)


def test_jsonl_tasks_with_a_checker(tmp_path):
    record = {
        "id": 7,
        "prompt": "print any two numbers summing to the input",
        "tests": {"stdio": [{"input": "4"}], "checker": "import sys\nsys.exit(0)"},
    }
    (task,) = load_custom(write(tmp_path, "t.jsonl", json.dumps(record) + "\n"))
    assert task.task_id == "7" and task.tests.checker is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: a\n  tests: {asserts: 'assert 1'}\n", ":1: field 'prompt': missing"),
        ("- id: a\n  prompt: p\n  tests: {asserts: 'x'}\n", ":1: field 'entry_point': required"),
        ("- id: a\n  prompt: p\n  tests: {}\n", ":1: field 'tests': needs exactly one"),
        ("- id: a\n  prompt: p\n  colour: red\n", ":1: field 'colour': unknown field"),
        (
            "- id: a\n  prompt: p\n  tests: {asserts: x}\n  entry_point: f\n"
            "- id: b\n  prompt: p\n  date: soon\n  entry_point: f\n  tests: {asserts: x}\n",
            ":5: field 'date'",
        ),
        (
            "- id: a\n  prompt: p\n  tests:\n    stdio:\n      - {input: 1}\n",
            ":1: field 'tests.stdio[1]'",
        ),
        ("- [1, 2\n", "invalid YAML"),
        (
            "- id: a\n  prompt: p\n  language: cobol\n  tests: {stdio: [{input: ''}]}\n",
            ":1: field 'language': unknown language 'cobol'",
        ),
        (
            "- id: a\n  prompt: p\n  language: c++\n  entry_point: f\n  tests: {asserts: x}\n",
            ":1: field 'language': tests.asserts judge Python programs; cpp needs stdio",
        ),
    ],
)
def test_yaml_errors_name_file_line_and_field(tmp_path, text, message):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(UserError) as caught:
        load_custom(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_jsonl_errors_name_the_line(tmp_path):
    good = {"id": "a", "prompt": "p", "entry_point": "f", "tests": {"asserts": "x"}}
    path = write(tmp_path, "t.jsonl", json.dumps(good) + "\n" + json.dumps(good) + "\n")
    with pytest.raises(UserError, match=r"t\.jsonl:2: field 'id': 'a' repeats line 1"):
        load_custom(path)


def test_custom_needs_a_data_file():
    with pytest.raises(UserError, match="needs --data"):
        get_benchmark("custom").load(LoadOptions())


def test_language_chooses_among_the_tasks_and_a_missing_one_is_named(tmp_path):
    shell = "  - id: shout\n    language: sh\n    prompt: print HI\n    tests:\n      stdio:\n"
    data = write(tmp_path, "t.yaml", YAML_TASKS + shell + '        - {input: "", output: "HI"}\n')
    config = EvalConfig("custom", load=LoadOptions(data=data, language="bash"))
    assert [(task.task_id, task.language) for task in load_tasks(config)] == [("shout", "bash")]
    config = EvalConfig("custom", load=LoadOptions(data=data, language="py"))
    assert [task.task_id for task in load_tasks(config)] == ["add", "double", "halves"]
    with pytest.raises(UserError, match=r"custom has no rust tasks \(only bash, python\)"):
        load_tasks(EvalConfig("custom", load=LoadOptions(data=data, language="rs")))


def test_calls_take_python_literals_and_compare_floats_with_tolerance(tmp_path):
    tasks = (
        '{"id": "pair", "prompt": "", "entry_point": "pair", "tests": {"calls": ['
        '{"args_literal": "((1, 2),)", "expected_literal": "(2, 1)"},'
        '{"args": [[0.1, 0.2]], "expected": [0.2, 0.30000001]}], "atol": 0.001}}\n'
    )
    (task,) = load_custom(write(tmp_path, "t.jsonl", tasks))
    assert task.tests.cases[0].args == ((1, 2),) and task.tests.cases[0].expected == (2, 1)
    program = "def pair(p):\n    return p[::-1] if isinstance(p, tuple) else [p[1], sum(p)]\n"
    verdict = judge(task, Program("python", program), session_sandbox(), Limits())
    assert verdict.status is Status.PASSED, verdict
    listed = "def pair(p):\n    return list(p[::-1]) if isinstance(p, tuple) else p\n"
    assert not judge(task, Program("python", listed), session_sandbox(), Limits()).passed
    bad = tasks.replace('"(2, 1)"', '"(2, 1"')
    with pytest.raises(UserError, match=r"t.jsonl:1: field 'tests.calls\[1\]': not a Python"):
        load_custom(write(tmp_path, "t.jsonl", bad))
