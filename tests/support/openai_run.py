"""`execbench run -m openai:scripted` in a subprocess, against a ScriptedServer, on a few
HumanEval tasks given as a local --data file."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.support.cli import execbench_command
from tests.support.openai_server import ScriptedServer, prompt_of

KEY = "sk-e2e-do-not-store-0123456789"
N_TASKS = 5
WRONG_TASK = "HumanEval/4"


def humaneval_subset(source: Path, folder: Path) -> tuple[Path, list[dict]]:
    """The first N_TASKS records of HumanEval.jsonl at `source`, written to `folder`."""
    records = [json.loads(line) for line in source.read_text().splitlines()[:N_TASKS]]
    path = folder / "humaneval-subset.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path, records


def chat_answerer(records: list[dict]):
    """A chat model that answers right, in a fence among prose, except for WRONG_TASK."""

    def answer(body, choice: int) -> str:
        content = prompt_of(body)
        record = next(r for r in records if r["prompt"].strip() in content)
        body_text = record["canonical_solution"]
        if record["task_id"] == WRONG_TASK:
            body_text = "    return None\n"
        program = record["prompt"] + body_text
        return f"Here you go:\n```python\n{program}```\nExample:\n```python\nprint(1)\n```\n"

    return answer


def run_openai(out: Path, data: Path, server: ScriptedServer, *more: str) -> subprocess.Popen:
    env = {**os.environ, "OPENAI_API_KEY": KEY}
    command = execbench_command(
        "run", "-b", "humaneval", "--data", str(data), "-m", "openai:scripted",
        "--base-url", server.url, "--out", str(out), "--json", "--price-in", "1",
        "--price-out", "2", *more,
    )  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def finish(process: subprocess.Popen) -> dict:
    """The run's summary.json from --json, once it exited 0 without showing the key."""
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert KEY not in stdout and KEY not in stderr
    return json.loads(stdout)
