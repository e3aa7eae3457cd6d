from execbench.core import AssertTests, Sample, SampleFormat, Task
from execbench.extract import extract_program, strip_repeated_prompt

PROMPT = 'def add(a, b):\n    """Sum."""\n'


def _task(language: str = "python", prompt: str = PROMPT, entry_point: str = "add") -> Task:
    return Task(
        task_id="t/0",
        benchmark="toy",
        prompt=prompt,
        tests=AssertTests(code="", entry_points=(entry_point,)),
        reference=prompt + "    return a + b\n",
        language=language,
        entry_point=entry_point,
        completion_prefix=prompt,
    )


def test_solution_is_taken_as_is():
    program = extract_program(_task(), Sample("t", 0, "anything at all", SampleFormat.SOLUTION))
    assert (program.language, program.source) == ("python", "anything at all")


def test_completion_is_appended_to_the_prompt():
    program = extract_program(
        _task(), Sample("t", 0, "    return a + b\n", SampleFormat.COMPLETION)
    )
    assert program.source == PROMPT + "    return a + b\n"


def test_completion_repeating_the_prompt_is_not_doubled():
    program = extract_program(
        _task(), Sample("t", 0, PROMPT + "    return a + b\n", SampleFormat.COMPLETION)
    )
    assert program.source == PROMPT + "    return a + b\n"
    assert strip_repeated_prompt("\n" + PROMPT + "x", PROMPT) == "\nx"
    assert strip_repeated_prompt("x", PROMPT) is None


def test_python_response_is_extracted_and_pruned():
    reply = "Here you go:\n```python\ndef add(a, b):\n    return a + b\n\nprint(add(1, 2))\n```"
    program = extract_program(_task(), Sample("t", 0, reply, SampleFormat.RESPONSE))
    assert program.source == "def add(a, b):\n    return a + b\n"


def test_other_language_response_picks_the_defining_block():
    prompt = "function add(a, b) {\n"
    reply = (
        "```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```\n"
        "Test:\n```js\nconsole.log(add(1, 2));\n```\n"
    )
    program = extract_program(
        _task("javascript", prompt), Sample("t", 0, reply, SampleFormat.RESPONSE)
    )
    assert program.language == "javascript"
    assert "return a + b;" in program.source and "console.log" not in program.source


def test_other_language_body_only_response_continues_the_prompt():
    prompt = "function add(a, b) {\n"
    reply = "```js\n  return a + b;\n}\n```"
    program = extract_program(
        _task("javascript", prompt), Sample("t", 0, reply, SampleFormat.RESPONSE)
    )
    assert program.source == prompt + "  return a + b;\n}\n"


def test_a_response_without_code_gives_an_empty_program_in_any_language():
    refusal = "I'm sorry, I cannot help with that."
    for language, prompt in (("python", PROMPT), ("javascript", "function add(a, b) {\n")):
        for reply in (refusal, "", "  \n"):
            sample = Sample("t", 0, reply, SampleFormat.RESPONSE)
            assert extract_program(_task(language, prompt), sample).source == "", (language, reply)
    # Unfenced code is still code: a body continuing the prompt, or a whole definition.
    body = Sample("t", 0, "  return a + b;\n}\n", SampleFormat.RESPONSE)
    assert (
        "return a + b;"
        in extract_program(_task("javascript", "function add(a, b) {\n"), body).source
    )


def test_a_response_keeps_unusual_line_separators_inside_literals():
    # Form feed, U+2028 and U+0085 end a line for str.splitlines, not for Python: the extracted
    # program must keep them where they stand, and pruning must cut at Python's own lines.
    body = 'def add(a, b):\n    """Sum\x0c of\u2028two\x85numbers."""\n    return a + b\n'
    reply = f"```python\n{body}\nprint(add(1, 2))\n```"
    program = extract_program(_task(), Sample("t", 0, reply, SampleFormat.RESPONSE))
    assert program.source == body
