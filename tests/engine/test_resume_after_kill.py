"""A real `kill -9` or Ctrl-C of a running evaluation, then a resume, against a clean run."""

from __future__ import annotations

import functools
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.support import execbench_command, read_jsonl, run_cli, write_jsonl

TASKS = [f"HumanEval/{i}" for i in range(12)]
SLOW = "import time\ntime.sleep(0.25)\n"


def slow_samples(humaneval_tasks) -> list[dict]:
    records = []
    for task_id in TASKS:
        task = humaneval_tasks[task_id]
        records.append({"task_id": task_id, "solution": SLOW + task.reference})
        wrong = SLOW + task.prompt + "    return None\n"
        records.append({"task_id": task_id, "solution": wrong})
    return records


def verdict_rows(store: Path) -> dict[tuple[str, int], float]:
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT task_id, sample_index, judged_at FROM verdicts").fetchall()
    return {(task_id, index): judged_at for task_id, index, judged_at in rows}


def wait_for_verdicts(store: Path, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if store.exists():
            try:
                if len(verdict_rows(store)) >= at_least:
                    return
            except sqlite3.OperationalError:
                pass  # the schema is not written yet
        time.sleep(0.05)
    pytest.fail(f"fewer than {at_least} verdicts in {store} after {timeout} s")


def signal_standing(pid: int) -> str:
    """How `pid` stands toward signals: the pending, blocked, ignored and caught masks."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError as exc:
        return f"unreadable ({exc})"
    return " ".join(line.replace("\t", "") for line in status if line.startswith(("Sig", "Shd")))


def test_kill_9_then_resume_matches_an_uninterrupted_run(tmp_path, humaneval_tasks):
    samples = write_jsonl(tmp_path / "samples.jsonl", slow_samples(humaneval_tasks))
    args = ["evaluate", "-b", "humaneval", "--samples", str(samples), "--workers", "2"]

    killed_out = tmp_path / "killed"
    victim = subprocess.Popen(
        execbench_command(*args, "--out", str(killed_out)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    store = killed_out / "run.sqlite"
    try:
        wait_for_verdicts(store, at_least=6)
    finally:
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()
    before = verdict_rows(store)
    assert 6 <= len(before) < len(TASKS) * 2, "the kill should land mid-run"
    assert not (killed_out / "results.jsonl").exists()

    resumed = run_cli(*args, "--out", str(killed_out), "--json")
    assert resumed.returncode == 0, resumed.stderr
    after = verdict_rows(store)
    assert len(after) == len(TASKS) * 2
    # Nothing judged before the kill was judged again.
    assert all(after[key] == judged_at for key, judged_at in before.items())
    assert json.loads(resumed.stdout)["resumed_samples"] == len(before)

    clean_out = tmp_path / "clean"
    clean = run_cli(*args, "--out", str(clean_out), "--json")
    assert clean.returncode == 0, clean.stderr
    assert (killed_out / "results.jsonl").read_text() == (clean_out / "results.jsonl").read_text()
    resumed_summary = json.loads(resumed.stdout)
    clean_summary = json.loads(clean.stdout)
    for volatile in ("elapsed_s", "resumed_samples"):
        resumed_summary.pop(volatile)
        clean_summary.pop(volatile)
    assert resumed_summary == clean_summary
    statuses = {line["status"] for line in read_jsonl(clean_out / "results.jsonl")}
    assert statuses == {"passed", "failed"}


def test_ctrl_c_exits_130_keeping_verdicts_and_the_resume_counts_their_passes(
    tmp_path, humaneval_tasks
):
    samples = write_jsonl(tmp_path / "samples.jsonl", slow_samples(humaneval_tasks))
    out = tmp_path / "out"
    args = ["evaluate", "-b", "humaneval", "--samples", str(samples), "--workers", "2"]
    victim = subprocess.Popen(
        execbench_command(*args, "--out", str(out)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A foreground command, as a terminal runs it. A suite started in the background by a
        # non-interactive shell (`.ci/run &`) ignores SIGINT, and so would the run, rightly.
        preexec_fn=functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL),
    )
    try:
        wait_for_verdicts(out / "run.sqlite", at_least=6)
        standing = signal_standing(victim.pid)  # shown if the run does not stop
        os.killpg(victim.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
        _, stderr = victim.communicate(timeout=60)
    finally:
        if victim.poll() is None:
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait()
    assert victim.returncode == 130, f"{stderr}\nat the SIGINT: {standing}"
    assert "interrupted: verdicts so far are saved" in stderr
    assert "Traceback" not in stderr
    before = verdict_rows(out / "run.sqlite")
    assert 6 <= len(before) < len(TASKS) * 2, "the interrupt should land mid-run"

    resumed = run_cli(*args, "--out", str(out))
    assert resumed.returncode == 0, resumed.stderr
    # The progress counts the passes judged before the interrupt too: one per task.
    total = len(TASKS) * 2
    assert f"{total}/{total} passed {len(TASKS)}" in resumed.stderr
