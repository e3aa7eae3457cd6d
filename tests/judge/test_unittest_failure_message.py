"""The failure a unittest verdict names: the exception line, not the last line of its message."""

from __future__ import annotations

from execbench.sandbox.inside.unittest_runner import exception_line

FRAME = 'Traceback (most recent call last):\n  File "t.py", line 3, in test\n    f(\n    ^^\n'


def test_a_multi_line_message_is_named_by_its_first_line():
    diff = "AssertionError: Lists differ: [1, 2] != [1, 3]\n\nFirst differing element 1:\n2\n3\n"
    assert exception_line(FRAME + diff + "\n- [1, 2]\n?     ^\n") == diff.splitlines()[0]


def test_a_message_that_starts_on_the_next_line_is_joined_to_its_type():
    nltk = "LookupError: \n" + "*" * 70 + "\n  Resource stopwords not found.\n  Please use...\n"
    assert exception_line(FRAME + nltk) == "LookupError: Resource stopwords not found."


def test_a_bare_message_stands_as_it_is():
    assert exception_line("ValueError: boom") == "ValueError: boom"
    assert exception_line(FRAME + "ValueError: boom\n") == "ValueError: boom"
