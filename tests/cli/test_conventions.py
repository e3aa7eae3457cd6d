"""What a newcomer meets first: --version, help that says what each option does, and
"did you mean" for a misspelt name."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from execbench import __version__
from execbench.cli import ALL_COMMANDS, app, register_commands
from tests.support import run_cli

register_commands()
COMMANDS = [name.replace("_", "-") for name in ALL_COMMANDS]
# The commands whose --json prints the run's summary.json; every other prints something else.
SUMMARY_COMMANDS = {"run", "evaluate", "evaluate-tests", "rerank"}


def help_of(*command: str) -> str:
    done = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert done.exit_code == 0, done.output
    return done.stdout


def option_help(text: str, option: str) -> str:
    """The help column of `option`'s row in a rich help screen."""
    row = next(line for line in text.splitlines() if re.search(rf"\s{option}\s", line))
    return row.split(option, 1)[1].strip(" │")


def test_version_is_printed_and_nothing_else():
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout == f"execbench {__version__}\n"


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMANDS)])
def test_flags_show_no_value_placeholder(command):
    text = help_of(*command)
    assert "--help" in text
    assert "<bool>" not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_json_help_says_what_it_prints(command):
    text = help_of(command)
    if "--json" not in text:
        return
    says_summary = "summary.json" in option_help(text, "--json")
    assert says_summary == (command in SUMMARY_COMMANDS)


@pytest.mark.parametrize("option", ["--top-p", "--seed", "--temperature", "--max-tokens"])
def test_every_sampling_option_of_run_has_help(option):
    assert re.search(r"[a-z]{4}", option_help(help_of("run"), option))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-b", "humaneva", "-m", "reference"], "unknown benchmark 'humaneva'"),
        (["-b", "humaneval", "-m", "refrence"], "unknown model backend 'refrence'"),
        (["-b", "humaneval", "-m", "opnai:gpt-4o-mini"], "unknown model backend 'opnai'"),
    ],
)
def test_a_misspelt_name_gets_a_suggestion_and_leaves_nothing(tmp_path, args, message):
    out = tmp_path / "out"
    done = run_cli("run", *args, "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {message}")
    assert re.search(r"did you mean '(humaneval|reference|openai)'\?", done.stderr)
    assert not out.exists()
