"""CRUXEval through the real prediction judge: references, wrong answers, and cheats."""

from __future__ import annotations

import pytest

from execbench.core import Limits, PredictionTests, Program, Status, Task
from execbench.judge import judge
from execbench.judge.prediction import answer_expression, not_literal
from execbench.tasks import LoadOptions, get_benchmark
from tests.support.sandbox import session_sandbox

LIMITS = Limits(cpu_s=3, wall_s=6)


@pytest.fixture(scope="module")
def tasks(data_dir) -> dict[str, dict[str, Task]]:
    options = LoadOptions(data_dir=data_dir)
    return {
        name: {t.task_id: t for t in get_benchmark(name).load(options)}
        for name in ("cruxeval-o", "cruxeval-i")
    }


def verdict(task: Task, text: str):
    return judge(task, Program("python", text), session_sandbox(), LIMITS)


def test_both_load_800_tasks_with_prompts(tasks):
    output, given = tasks["cruxeval-o"]["sample_0"], tasks["cruxeval-i"]["sample_0"]
    assert len(tasks["cruxeval-o"]) == len(tasks["cruxeval-i"]) == 800
    assert output.prompt.endswith("assert f([1, 1, 3, 1, 3, 1]) == ??\n[/PYTHON]\n[ANSWER]\n")
    assert "assert f(??) == [(4, 1), (4, 1)" in given.prompt
    assert output.metadata["stop"] == ("[/ANSWER]",)


@pytest.mark.parametrize("name", ["cruxeval-o", "cruxeval-i"])
def test_references_of_a_slice_pass(tasks, name):
    for task in list(tasks[name].values())[:25]:
        assert verdict(task, task.reference).passed, task.task_id


def test_output_answers_in_the_models_format(tasks):
    task = tasks["cruxeval-o"]["sample_0"]
    good = "assert f([1, 1, 3, 1, 3, 1]) == [(4, 1), (4, 1), (4, 1), (4, 1), (2, 3), (2, 3)]\n"
    assert verdict(task, good + "[/ANSWER]").passed
    assert verdict(task, "[(4, 1), (4, 1), (4, 1), (4, 1), (2, 3), (2, 3)]").passed
    # Tuples and lists differ, as they do for CRUXEval's own `==`.
    wrong = verdict(task, "[[4, 1], [4, 1], [4, 1], [4, 1], [2, 3], [2, 3]]")
    assert wrong.status is Status.FAILED and "expected" in wrong.detail


def test_output_prediction_may_not_call_f_on_the_input(tasks):
    task = tasks["cruxeval-o"]["sample_0"]
    result = verdict(task, "f([1, 1, 3, 1, 3, 1])")
    assert result.status is Status.FAILED and "may not contain" in result.detail


def test_input_answers_as_call_or_bare_arguments(tasks):
    task = tasks["cruxeval-i"]["sample_1"]  # f(a, b, c) -> {1: None, 2: None}
    assert verdict(task, "[ANSWER]\nassert f((1, ), (1, ), (1, 2)) == {1: None, 2: None}\n").passed
    assert verdict(task, "(2,), (1,), (1,)").passed
    assert verdict(task, "f((3,), (1,), (1,))").status is Status.FAILED


def test_forged_equality_cannot_pass(tasks):
    task = tasks["cruxeval-o"]["sample_0"]
    forged = "type('Eq', (list,), {'__eq__': lambda self, other: True})()"
    result = verdict(task, forged)
    assert result.status is Status.FAILED and "literal value" in result.detail


GIVEN_INPUT = "[1, 1, 3, 1, 3, 1]"  # sample_0's input: f(GIVEN_INPUT) is the answer


@pytest.mark.parametrize(
    "answer",
    [
        f"f( {GIVEN_INPUT})",  # CRUXEval's own check compares the exact text `f(<input>)`
        f"f(*[{GIVEN_INPUT}])",
        f"(lambda g: g({GIVEN_INPUT}))(f)",
        f"[*f({GIVEN_INPUT}[:])]",
        f"[pair for pair in f(list({GIVEN_INPUT}))]",
        f"globals()['f']({GIVEN_INPUT})",
        f"{{**{{0: f( {GIVEN_INPUT})}}}}[0]",
        f"assert f({GIVEN_INPUT}) == f(nums={GIVEN_INPUT})",
    ],
)
def test_output_prediction_that_has_f_compute_the_answer_is_refused(tasks, answer):
    result = verdict(tasks["cruxeval-o"]["sample_0"], answer)
    assert result.status is Status.FAILED and "must be a literal value" in result.detail


def test_every_reference_output_is_a_literal(tasks):
    # The rule refuses no answer the benchmark itself gives (800 outputs, on their syntax tree).
    assert [t.task_id for t in tasks["cruxeval-o"].values() if not_literal(t.reference)] == []


@pytest.mark.parametrize(
    "answer",
    ["-1", "+2.5", "1-2j", "-1+2j", "b'x'", "{1: (2, -3.5), 'k': [None, True]}", "{1, 2}", "..."],
)
def test_literals_of_every_kind_are_values(answer):
    assert not_literal(answer) is None


@pytest.mark.parametrize("answer", ["x", "-x", "1 + 2", "True + 1j", "[1] * 3", "{**d}", "s[0]"])
def test_names_and_computations_are_not(answer):
    assert not_literal(answer) is not None


def test_without_a_program_an_output_prediction_may_be_any_expression():
    # LiveCodeBench's test output prediction defines no function: lcb_runner `eval`s the answer
    # alone, so `[0] * 3` is an answer there; with CRUXEval's program at hand it is not.
    def task(program: str) -> Task:
        tests = PredictionTests(program=program, expected="[0, 0, 0]")
        return Task(task_id="t/0", benchmark="test", prompt="", tests=tests, reference="")

    answer = "assert f(3) == [0] * 3"
    assert verdict(task(""), answer).passed
    refused = verdict(task("def f(n):\n    return [0] * n\n"), answer)
    assert refused.status is Status.FAILED and "must be a literal value" in refused.detail


def test_input_prediction_cannot_tamper_with_f(tasks):
    task = tasks["cruxeval-i"]["sample_1"]
    # Arguments that reach for f itself (to patch it) are refused.
    tamper = "f((setattr(f, '__code__', (lambda *a: {1: None, 2: None}).__code__), 1)[1], 2, 3)"
    result = verdict(task, tamper)
    assert result.status is Status.FAILED and "may not use" in result.detail
    sneaky = "f((lambda: ().__class__.__base__)(), 2, 3)"
    assert verdict(task, sneaky).status is Status.FAILED


def test_inputs_may_name_program_globals_and_pass_lambdas(tasks):
    for task_id in ("sample_258", "sample_344", "sample_522"):
        task = tasks["cruxeval-i"][task_id]
        assert verdict(task, task.reference).passed, task_id


def test_answers_that_are_not_expressions_or_raise(tasks):
    task = tasks["cruxeval-o"]["sample_0"]
    assert verdict(task, "[(4, 1) oops").status is Status.COMPILE_ERROR
    assert verdict(tasks["cruxeval-i"]["sample_1"], "1, 2, 3").status is Status.ERROR


def test_answer_extraction_keeps_equality_inside_strings():
    assert answer_expression("assert f('a') == 'x==y'", False, "f") == "'x==y'"
    assert answer_expression("assert f('a==b') == 1", True, "f") == "f('a==b')"
    assert answer_expression("'x==y'", False, "f") == "'x==y'"
