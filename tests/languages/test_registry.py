"""The language registry: names and short codes, and what the probe reports."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from execbench.cli import app, register_commands
from execbench.core import UserError
from execbench.languages import all_languages, canonical_name, get_language

register_commands()  # each command registers itself on `app` when its module is imported


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("py", "python"),
        ("js", "javascript"),
        ("rs", "rust"),
        ("cs", "csharp"),
        ("C++", "cpp"),
        ("ts", "typescript"),
        ("rkt", "racket"),
        ("sh", "bash"),
        ("pl", "perl"),
        ("jl", "julia"),
    ],
)
def test_short_codes_name_the_same_language(code: str, name: str) -> None:
    assert canonical_name(code) == name
    assert get_language(code) is get_language(name)


def test_unknown_language_is_the_users_mistake() -> None:
    with pytest.raises(UserError, match="unknown language 'cobol'"):
        get_language("cobol")


def test_multipl_e_languages_and_more_are_registered() -> None:
    multipl_e = {"cpp", "csharp", "d", "go", "java", "javascript", "typescript", "lua", "php"}
    multipl_e |= {"perl", "python", "r", "ruby", "racket", "rust", "scala", "bash", "swift"}
    multipl_e |= {"julia"}
    names = set(all_languages())
    assert multipl_e <= names
    assert len(names) >= 20


def test_languages_command_lists_every_language_with_its_version_or_why_not() -> None:
    # In this process: the toolchains are probed once per process, and other tests probe them.
    done = CliRunner().invoke(app, ["languages", "--json"])
    assert done.exit_code == 0, done.output
    rows = json.loads(done.stdout)
    assert [row["name"] for row in rows] == list(all_languages())
    for row in rows:
        assert isinstance(row["available"], bool)
        assert row["version"] if row["available"] else row["reason"], row
