"""Mistakes on the command line get typer's short message and status 2, never a traceback."""

from __future__ import annotations

import pytest

from tests.support import run_cli, write_jsonl


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


def test_an_unknown_sandbox_is_refused_before_any_worker_tries_it(tmp_path):
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/0", "completion": ""}])
    args = ["evaluate", "-b", "humaneval", "--samples", str(samples), "--sandbox", "bwrap"]
    result = run_cli(*args, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: unknown sandbox 'bwrap'; available: namespace, none, process"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--memory-mb", "0"], "--memory-mb 0: expected more than 0"),
        (["--cpu-limit", "0"], "--cpu-limit 0.0: expected more than 0"),
        (["--out", "{file}"], "output directory {file} is a file"),
        (["--out", "{garbage}"], "{garbage}/run.sqlite: file is not a database"),
    ],
)
def test_bad_limits_and_output_places_are_named(tmp_path, option, message):
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/0", "completion": ""}])
    places = {"file": samples, "garbage": tmp_path / "garbage"}
    (tmp_path / "garbage").mkdir()
    (tmp_path / "garbage" / "run.sqlite").write_text("not a database, but text, " * 10)
    option = [part.format(**places) for part in option]
    result = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples), *option)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {message.format(**places)}")


def test_a_language_the_benchmark_lacks_is_refused(tmp_path):
    result = run_cli("run", "-b", "humaneval", "-l", "cpp", "-m", "reference", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == "error: humaneval has no cpp tasks (only python)"


def test_brackets_in_messages_are_printed_as_written(tmp_path):
    # Rich markup would take `[hf]` and `[bold]` for styles and drop them.
    hint = run_cli("run", "-b", "humaneval", "-m", "hf:/nonexistent", "--out", str(tmp_path))
    assert hint.returncode == 2
    assert "pip install 'execbench[hf]'" in hint.stderr
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/[bold]0", "solution": ""}])
    unknown = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples))
    assert unknown.returncode == 2
    assert "unknown task 'HumanEval/[bold]0'" in unknown.stderr
