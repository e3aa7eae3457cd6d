"""The default templates make exactly the prompts execbench always sent (answers cached under
them stay valid); a user's settings add a system message, a template, solved examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from execbench.core import UserError
from execbench.prompts import PromptSettings, PromptStyle, PromptTemplate, build_prompt
from execbench.prompts.templates import FIELDS, task_fields
from tests.support.tasks import ADD_PROMPT, toy_task

EXAMPLE = toy_task("toy/example", prompt='def sub(a, b):\n    """Return a - b."""\n')


def test_the_default_chat_message_is_byte_for_byte_the_one_sent_before():
    (message,) = build_prompt(toy_task(), PromptStyle.CHAT).messages
    assert message.content == (
        "Complete the following Python code. Reply with the complete `add`, including any "
        "imports and helpers it needs, in a single ```python code block.\n\n"
        f"```python\n{ADD_PROMPT.rstrip()}\n```"
    )


def test_a_system_message_comes_first_and_a_template_replaces_the_task_message():
    template = PromptTemplate("Write {{ entry_point }} ({{ task_id }}).", "mine.j2")
    settings = PromptSettings(system="Be brief.", template=template)
    messages = build_prompt(toy_task(), PromptStyle.CHAT, (), settings).messages
    assert [(m.role, m.content) for m in messages] == [
        ("system", "Be brief."),
        ("user", "Write add (toy/0)."),
    ]


def test_few_shot_chat_examples_are_solved_turns_before_the_task():
    settings = PromptSettings(few_shot=1, examples=(EXAMPLE,))
    messages = build_prompt(toy_task(), PromptStyle.CHAT, (), settings).messages
    assert [m.role for m in messages] == ["user", "assistant", "user"]
    assert "def sub(a, b):" in messages[0].content
    assert messages[1].content == f"```python\n{EXAMPLE.reference.strip()}\n```"


def test_few_shot_base_examples_are_prompts_followed_by_their_solutions():
    settings = PromptSettings(few_shot=1, examples=(EXAMPLE,))
    text = build_prompt(toy_task(), PromptStyle.BASE, (), settings).text
    assert text == f"{EXAMPLE.reference.rstrip()}\n\n\n{ADD_PROMPT}"


def test_unresolved_few_shot_is_a_programming_error_not_a_zero_shot_prompt():
    with pytest.raises(ValueError, match="examples are chosen first"):
        build_prompt(toy_task(), PromptStyle.CHAT, (), PromptSettings(few_shot=2))


def test_a_template_names_the_field_it_lacks_and_the_task():
    template = PromptTemplate("{{ promt }}", "mine.j2")
    with pytest.raises(UserError, match=r"mine.j2: 'promt' is undefined for task 'toy/0'"):
        build_prompt(toy_task(), PromptStyle.BASE, (), PromptSettings(template=template))


def test_settings_identity_is_empty_for_the_defaults_and_tells_each_change_apart():
    assert PromptSettings().identity() == {}
    variants = [
        PromptSettings(system="a"),
        PromptSettings(system="b"),
        PromptSettings(template=PromptTemplate("{{ prompt }}!", "t")),
        PromptSettings(few_shot=1, examples=(EXAMPLE,)),
    ]
    assert len({str(sorted(v.identity().items())) for v in variants}) == len(variants)


def test_every_field_a_template_sees_is_documented():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "prompts.md").read_text()
    assert set(task_fields(toy_task())) == set(FIELDS)
    for name in FIELDS:
        assert f"| `{name}` |" in guide
