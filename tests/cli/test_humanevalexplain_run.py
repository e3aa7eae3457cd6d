"""HumanEvalExplain's two steps through `execbench run` against a scripted OpenAI server: the
model describes, then writes the code from its own (cleaned) description; both answers are kept,
a rerun asks for neither again, and `evaluate` judges the final code."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.support import run_cli, write_jsonl
from tests.support.openai_server import ScriptedServer, prompt_of

N_TASKS = 2
DESCRIBE = "Provide a concise natural language description"
SYNTHESIZE = "Write functional code in Python according to the description."


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> tuple[Path, list[dict]]:
    source = data_dir / "humanevalpack" / "humanevalpack-python.jsonl"
    records = [json.loads(line) for line in source.read_text().splitlines()[:N_TASKS]]
    return write_jsonl(tmp_path_factory.mktemp("data") / "pack.jsonl", records), records


def answerer(records: list[dict]):
    """Describes each function (too long, with a line of its code); then answers with the
    function when the prompt holds the description, the wrong code otherwise."""

    def answer(body, choice: int) -> str:
        prompt = prompt_of(body)
        record = next(r for r in records if r["entry_point"] in prompt)
        if DESCRIBE in prompt:
            line = max(record["canonical_solution"].split("\n"), key=len).strip()
            return f"DESCRIBES {record['entry_point']}: {line} " + "x" * 400
        assert SYNTHESIZE in prompt
        body_text = record["canonical_solution"]
        if f"DESCRIBES {record['entry_point']}" not in prompt:
            body_text = "    return None\n"
        return f"```python\n{record['prompt']}{body_text}```"

    return answer


def _run(out: Path, data: Path, server: ScriptedServer) -> dict:
    done = run_cli(
        "run", "-b", "humanevalexplain", "--data", str(data), "-m", "openai:scripted",
        "--base-url", server.url, "-o", str(out), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_two_generations_per_sample_both_kept(
    subset: tuple[Path, list[dict]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, records = subset
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    out = tmp_path / "out"
    with ScriptedServer(answer=answerer(records)) as server:
        summary = _run(out, data, server)
        assert summary["pass_at_k"] == {"1": 1.0} and summary["n_tasks"] == N_TASKS
        prompts = [prompt_of(request.body) for request in server.requests]
        assert sum(DESCRIBE in p for p in prompts) == N_TASKS
        second = [p for p in prompts if SYNTHESIZE in p]
        assert len(second) == N_TASKS
        for prompt in second:  # the description alone: cut to the docstring's length, no code
            record = next(r for r in records if f"DESCRIBES {r['entry_point']}" in prompt)
            assert "x" * 400 not in prompt and record["canonical_solution"] not in prompt
            assert max(record["canonical_solution"].split("\n"), key=len).strip() not in prompt
        asked = len(server.requests)
        assert _run(out, data, server)["pass_at_k"] == {"1": 1.0}
        assert len(server.requests) == asked  # both steps answered from the run store
    with sqlite3.connect(out / "run.sqlite") as db:
        texts = [row[0] for row in db.execute("SELECT raw_text FROM generations")]
    assert sum(text.startswith("DESCRIBES") for text in texts) == N_TASKS
    assert sum(text.startswith("```python") for text in texts) == N_TASKS


def test_evaluate_judges_the_final_code(subset: tuple[Path, list[dict]], tmp_path: Path) -> None:
    data, records = subset
    samples = [
        {"task_id": r["task_id"], "solution": r["prompt"] + r["canonical_solution"]}
        for r in records
    ]
    samples[1]["solution"] = records[1]["prompt"] + "    return []\n"
    path = write_jsonl(tmp_path / "final.jsonl", samples)
    done = run_cli(
        "evaluate", "-b", "humanevalexplain", "--data", str(data), "--samples", str(path),
        "-o", str(tmp_path / "out"), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pass_at_k"] == {"1": 0.5}
