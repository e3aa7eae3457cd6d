from execbench.core import Sample, SampleFormat, StdioCase, StdioTests, Task
from execbench.extract import extract_program
from execbench.prompts import PromptStyle, build_prompt, truncate_at_stop
from tests.support.tasks import toy_task


def test_base_prompt_continues_the_task_prompt_with_language_stops():
    task = toy_task()
    prompt = build_prompt(task, PromptStyle.BASE, extra_stop=("\nEND",))
    assert prompt.text == task.prompt and prompt.messages == ()
    assert "\ndef " in prompt.stop and prompt.stop[-1] == "\nEND"
    assert prompt.sample_format is SampleFormat.COMPLETION


def test_adapter_stops_and_instruction_override_the_defaults():
    task = toy_task(metadata={"stop": ["\n}"], "instruction": "Write it in one go."})
    assert build_prompt(task, PromptStyle.BASE).stop == ("\n}",)
    (message,) = build_prompt(task, PromptStyle.CHAT).messages
    assert message.content.startswith("Write it in one go.\n\n```python\n")


def test_chat_prompt_fences_a_function_prompt_and_names_the_entry_point():
    prompt = build_prompt(toy_task(), PromptStyle.CHAT)
    (message,) = prompt.messages
    assert message.role == "user"
    assert "`add`" in message.content and "```python\ndef add(a, b):" in message.content
    assert prompt.sample_format is SampleFormat.RESPONSE and prompt.stop == ()


def test_chat_prompt_for_a_stdio_problem_asks_for_a_program():
    task = Task(
        task_id="p/1",
        benchmark="toy",
        prompt="Read two numbers and print their sum.",
        tests=StdioTests(cases=(StdioCase("1 2\n", "3\n"),)),
        reference="print(sum(map(int, input().split())))\n",
    )
    (message,) = build_prompt(task, PromptStyle.CHAT).messages
    assert "standard input" in message.content
    assert message.content.endswith("Read two numbers and print their sum.")


def test_truncate_at_the_earliest_stop():
    assert truncate_at_stop("    return 1\ndef g():\n#x", ("\n#", "\ndef ")) == "    return 1"
    assert truncate_at_stop("abc", ()) == "abc"


def test_base_completion_truncated_at_stops_runs_as_a_program():
    task = toy_task()
    raw = "    return a + b\n\n\ndef test():\n    assert add(1, 2) == 4\n"
    text = truncate_at_stop(raw, build_prompt(task, PromptStyle.BASE).stop)
    source = extract_program(task, Sample("t", 0, text, SampleFormat.COMPLETION)).source
    scope: dict = {}
    exec(source, scope)
    assert scope["add"](2, 3) == 5 and "test" not in scope
