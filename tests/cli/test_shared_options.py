"""run, evaluate and validate take the options of one definition (`make_config`)."""

from __future__ import annotations

import inspect

import pytest
import typer

from execbench.cli import app, register_commands
from execbench.cli.options import make_config

register_commands()  # each command registers itself on `app` when its module is imported

SHARED = list(inspect.signature(make_config).parameters)


def options_of(command: str) -> dict[str, list[str]]:
    group = typer.main.get_command(app)
    return {param.name: param.opts for param in group.commands[command].params}


@pytest.mark.parametrize(
    ("command", "omitted"), [("run", []), ("evaluate", []), ("validate", ["k"])]
)
def test_every_shared_option_is_offered_once_with_the_same_flags(command, omitted) -> None:
    options = options_of(command)
    expected = [name for name in SHARED if name not in omitted]
    assert [name for name in options if name in SHARED] == expected
    for name in expected:
        assert options[name] == options_of("evaluate")[name]
    assert "config" not in options
    assert set(omitted).isdisjoint(options)
