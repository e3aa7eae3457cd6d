"""Prompt control end to end against the scripted server: --system-prompt, --prompt-template,
--few-shot, --chat/--completion; the prompt sent kept with each sample and shown by `show`; and
a run folder per prompt."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import datasets_dir, missing_dataset
from tests.support import execbench_command, run_cli
from tests.support.openai_run import finish, run_openai
from tests.support.openai_server import ScriptedServer

TEMPLATE = "Task {{ task_id }}: write `{{ entry_point }}` in {{ language_name }}.\n{{ prompt }}"
ANSWER = "```python\ndef nothing():\n    return None\n```"


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "mine.j2"
    path.write_text(TEMPLATE)
    return path


def test_system_prompt_and_template_are_sent_kept_and_shown(
    tmp_path: Path, subset: tuple[Path, list[dict]], template: Path
):
    data, records = subset
    system = tmp_path / "system.txt"
    system.write_text("You write careful Python.")
    out = tmp_path / "out"
    with ScriptedServer(answer=lambda body, choice: ANSWER) as server:
        args = ["--system-prompt", f"@{system}", "--prompt-template", str(template)]
        finish(run_openai(out, data, server, *args, "--limit", "2"))
    first = records[0]
    expected_user = TEMPLATE.replace("{{ task_id }}", first["task_id"])
    expected_user = expected_user.replace("{{ entry_point }}", first["entry_point"])
    expected_user = expected_user.replace("{{ language_name }}", "Python")
    expected_user = expected_user.replace("{{ prompt }}", first["prompt"])
    sent = next(r.body for r in server.requests if first["task_id"] in str(r.body))
    assert sent["messages"] == [
        {"role": "system", "content": "You write careful Python."},
        {"role": "user", "content": expected_user},
    ]
    shown = run_cli("show", str(out), first["task_id"], "--json")
    assert shown.returncode == 0, shown.stderr
    prompt = json.loads(shown.stdout)["prompt"]
    assert prompt["style"] == "chat"
    assert prompt["messages"] == [[m["role"], m["content"]] for m in sent["messages"]]
    text = run_cli("show", str(out), first["task_id"])
    assert "prompt sent (chat):" in text.stdout and "You write careful Python." in text.stdout


def test_each_prompt_gets_its_own_folder_and_one_folder_refuses_another_prompt(
    tmp_path: Path, subset: tuple[Path, list[dict]], template: Path
):
    data, _ = subset
    with ScriptedServer(answer=lambda body, choice: ANSWER) as server:
        plain = finish(run_openai(tmp_path / "one", data, server, "--limit", "1"))
        assert plain["n_tasks"] == 1
        refused = run_openai(tmp_path / "one", data, server, "--limit", "1", "--system-prompt", "x")
        _, stderr = refused.communicate(timeout=120)
        assert refused.returncode == 2 and "another run" in stderr
        asked = len(server.requests)
        # Default folders: one per prompt, the defaults' name unchanged.
        for args in ([], ["--system-prompt", "x"], ["--prompt-template", str(template)]):
            command = ["run", "-b", "humaneval", "--data", str(data), "-m", "openai:scripted"]
            done = _run_in(tmp_path / "cwd", server, *command, "--limit", "1", *args)
            assert done.returncode == 0, done.stderr
        assert len(server.requests) == asked + 3  # no prompt answered from another's cache
    folders = sorted(path.name for path in (tmp_path / "cwd" / "execbench-runs").iterdir())
    assert len(folders) == 3 and "humaneval-first1__openai_scripted" in folders


def test_completion_mode_sends_text_and_refuses_a_system_prompt(
    tmp_path: Path, subset: tuple[Path, list[dict]]
):
    data, records = subset
    with ScriptedServer(answer=lambda body, choice: "    return None\n") as server:
        summary = finish(run_openai(tmp_path / "out", data, server, "--completion", "--limit", "1"))
        assert summary["n_tasks"] == 1
        [request] = server.requests
        assert request.path.endswith("/completions") and "/chat/" not in request.path
        assert request.body["prompt"] == records[0]["prompt"]
        refused = run_openai(tmp_path / "two", data, server, "--completion", "--system-prompt", "x")
        _, stderr = refused.communicate(timeout=120)
    assert refused.returncode == 2 and "--system-prompt is for chat prompts" in stderr


@pytest.fixture(scope="module")
def mbpp_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MBPP's prompting split (task ids 1-10) and its first test task, as a --data file."""
    source = datasets_dir() / "mbpp" / "mbpp.jsonl"
    if not source.is_file():
        missing_dataset(f"MBPP not found at {source}")
    lines = source.read_text().splitlines()
    head = [line for line in lines if json.loads(line)["task_id"] <= 11]
    path = tmp_path_factory.mktemp("mbpp") / "mbpp.jsonl"
    path.write_text("\n".join(head) + "\n")
    return path


def test_few_shot_shows_mbpp_examples_first(tmp_path: Path, mbpp_head: Path):
    records = {json.loads(line)["task_id"]: json.loads(line) for line in mbpp_head.open()}
    with ScriptedServer(answer=lambda body, choice: ANSWER) as server:
        done = _run_in(
            tmp_path, server, "run", "-b", "mbpp", "--data", str(mbpp_head), "-m",
            "openai:scripted", "--few-shot", "2", "--json",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        [request] = server.requests
    messages = request.body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant", "user"]
    assert records[2]["text"] in messages[0]["content"]  # MBPP's paper shows 2, 3, 4 first
    assert records[2]["code"].replace("\r\n", "\n").strip() in messages[1]["content"]
    assert records[3]["text"] in messages[2]["content"]
    assert records[11]["text"] in messages[4]["content"]
    assert json.loads(done.stdout)["n_tasks"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--few-shot", "1"], "--few-shot 1: humaneval sets none solved examples aside"),
        (["--prompt-template", "{broken}"], "{broken}:1: template syntax error"),
        (["--prompt-template", "{unknown}"], "{unknown}: 'task' is undefined for task"),
        (["--system-prompt", "@{missing}"], "--system-prompt {missing}: no such file"),
    ],
)
def test_bad_prompt_options_are_named_before_anything_runs(
    tmp_path: Path, subset: tuple[Path, list[dict]], args: list[str], message: str
):
    data, _ = subset
    files = {name: tmp_path / f"{name}.j2" for name in ("broken", "unknown", "missing")}
    files["broken"].write_text("{% if %}")
    files["unknown"].write_text("{{ task.prompt }}")
    args = [arg.format(**files) for arg in args]
    with ScriptedServer(answer=lambda body, choice: ANSWER) as server:
        process = run_openai(tmp_path / "out", data, server, *args)
        _, stderr = process.communicate(timeout=120)
        assert not server.requests
    assert process.returncode == 2
    assert stderr.startswith(f"error: {message.format(**files)}")
    assert not (tmp_path / "out").exists()


def test_the_default_templates_are_exported_as_they_are_used(tmp_path: Path):
    for style in ("chat", "base"):
        out = tmp_path / f"{style}.j2"
        done = run_cli("prompts", "export", "--style", style, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert "{{ prompt" in out.read_text()
    again = run_cli("prompts", "export", "--out", str(tmp_path / "chat.j2"))
    assert again.returncode == 2 and "exists" in again.stderr


def _run_in(cwd: Path, server: ScriptedServer, *args: str) -> subprocess.CompletedProcess[str]:
    cwd.mkdir(exist_ok=True)
    return subprocess.run(
        execbench_command(*args, "--base-url", server.url),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={**os.environ, "OPENAI_API_KEY": "sk-test"},
        check=False,
    )
