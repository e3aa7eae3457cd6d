"""Mistakes on the command line get typer's short message and status 2, never a traceback."""

from __future__ import annotations

import pytest

from tests.support import run_cli


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["nosuch"], "nosuch"),
        (["evaluate", "-b", "humaneval", "--samples", "s.jsonl", "--workers", "many"], "--workers"),
        (["run", "-b", "humaneval"], "--model"),
    ],
)
def test_a_usage_error_names_its_cause_and_exits_2(args, named):
    result = run_cli(*args)
    assert result.returncode == 2
    assert named in result.stderr
    assert "Traceback" not in result.stderr


def test_an_error_of_ours_is_one_line_with_status_2(tmp_path):
    result = run_cli("evaluate", "-b", "humaneval", "--samples", str(tmp_path / "none.jsonl"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'none.jsonl'}: no such samples file"
