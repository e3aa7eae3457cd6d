"""A run that fails before its first sample leaves nothing behind: no run folder, no progress
bar, only the error. And a caveat (`--sandbox none`) is said once, in one line."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_cli, write_jsonl
from tests.support.openai_run import run_openai
from tests.support.openai_server import Fault, ScriptedServer


def test_a_missing_samples_file_leaves_no_folder_and_draws_no_bar(tmp_path: Path) -> None:
    out = tmp_path / "runs" / "one"
    missing = tmp_path / "none.jsonl"
    done = run_cli("evaluate", "-b", "humaneval", "--samples", str(missing), "-o", str(out))
    assert done.returncode == 2
    assert done.stderr == f"error: {missing}: no such samples file\n"
    assert list(tmp_path.iterdir()) == []


def test_a_refused_model_leaves_no_folder_and_draws_no_bar(
    tmp_path: Path, subset: tuple[Path, list[dict]]
) -> None:
    data, _ = subset
    out = tmp_path / "runs" / "humaneval"
    with ScriptedServer() as server:
        server.faults.extend([Fault(status=401)] * 50)
        process = run_openai(out, data, server)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    assert stderr.startswith("error: ") and "HTTP 401" in stderr
    assert stderr.count("\n") == 1, stderr  # the error alone: no bar above it
    assert not (tmp_path / "runs").exists()


def test_a_folder_that_was_there_before_is_kept(
    tmp_path: Path, subset: tuple[Path, list[dict]]
) -> None:
    data, _ = subset
    out = tmp_path / "mine"
    out.mkdir()
    with ScriptedServer() as server:
        server.faults.extend([Fault(status=401)] * 50)
        process = run_openai(out, data, server)
        process.communicate(timeout=120)
    assert process.returncode == 2
    assert out.is_dir()


def test_sandbox_none_warns_once_in_one_line(tmp_path: Path) -> None:
    samples = write_jsonl(
        tmp_path / "s.jsonl",
        [{"task_id": "HumanEval/0", "completion": "    return False\n"}] * 2,
    )
    command = ["evaluate", "-b", "humaneval", "--samples", str(samples), "--sandbox", "none"]
    done = run_cli(*command, "--workers", "2", "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "WITHOUT isolation" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: sandbox 'none': generated code runs WITHOUT")
    assert "Warning:" not in done.stderr and ".py:" not in done.stderr
