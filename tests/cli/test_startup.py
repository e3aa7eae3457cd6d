"""A command starts with its own imports only: `execbench evaluate` must not pay for the server's
web framework or the analysis layer, which other commands need (about a second on a 2-core
machine, at the start of every run)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from execbench.cli import ALL_COMMANDS, commands_for

# Imported by `serve` and by the commands that compare stored runs, and by nothing a run needs.
NOT_FOR_A_RUN = ("fastapi", "execbench.server", "execbench.analysis.compare")


def modules_after(*arguments: str) -> set[str]:
    """The modules imported once `execbench ARGUMENTS` has run, in a fresh interpreter."""
    script = (
        "import sys\n"
        f"sys.argv = ['execbench', *{list(arguments)!r}]\n"
        "from execbench.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(done.stderr.split())


@pytest.mark.parametrize("command", ["evaluate", "run", "evaluate-tests"])
def test_a_run_command_imports_neither_the_server_nor_the_analysis_layer(command):
    loaded = modules_after(command, "--help")
    assert f"execbench.cli.{command.replace('-', '_')}" in loaded
    assert not loaded & set(NOT_FOR_A_RUN)


def test_the_help_still_lists_every_command():
    loaded = modules_after("--help")
    assert {f"execbench.cli.{name}" for name in ALL_COMMANDS} <= loaded


def test_the_named_command_is_found_after_global_options_and_by_its_dashed_name():
    assert commands_for(["--version"]) == ALL_COMMANDS
    assert commands_for(["evaluate-tests", "-b", "humaneval"]) == ("evaluate_tests",)
    assert commands_for(["--no-such-flag", "show", "run-dir"]) == ("show",)
    # An unknown name needs every command: typer's error suggests the closest one.
    assert commands_for(["evalute"]) == ALL_COMMANDS
