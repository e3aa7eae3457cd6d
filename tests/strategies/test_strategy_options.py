"""Choosing a strategy on the command line: its own options only, a model that can take its
prompts, and a run folder of its own."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from execbench.core import UserError
from execbench.models import GenerationOptions, make_model
from execbench.prompts import ChatMessage, Prompt, PromptStyle
from execbench.store.trajectories import read_trajectories
from execbench.strategies import make_strategy
from tests.strategies.scripted import humaneval_records, run_strategy, write_data
from tests.support import run_cli
from tests.support.openai_server import ScriptedServer


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("codet", {"rounds": 2}, "--rounds: not an option of --strategy codet"),
        ("self-debug", {"memory": 2}, "its options: --rounds"),
        ("tree-of-thought", {}, "unknown strategy 'tree-of-thought'; available: agentcoder"),
        ("self-debug", {"rounds": -1}, "--rounds -1: expected 0 or more"),
    ],
)
def test_a_strategy_takes_only_its_own_options(name, options, message):
    with pytest.raises(UserError, match=re.escape(message)):
        make_strategy(name, options)


def test_a_strategy_refuses_a_model_that_cannot_take_its_prompts():
    completions = make_model(
        "openai:x", {"base_url": "http://127.0.0.1:9/v1", "api": "completions"}
    )
    with pytest.raises(UserError, match=r"sends prompts of its own \(chat\): openai:x cannot"):
        make_strategy("self-debug").check(completions)
    make_strategy("codet").check(completions)  # CodeT takes base models too


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--strategy", "codet", "--rounds", "2"], "--rounds: not an option of --strategy codet"),
        (
            ["--strategy", "reflexion"],
            "--strategy reflexion sends prompts of its own (chat): reference",
        ),
    ],
)
def test_the_command_line_refuses_before_anything_runs(tmp_path, extra, message):
    out = tmp_path / "out"
    result = run_cli("run", "-b", "humaneval", "-m", "reference", "--out", str(out), *extra)
    assert result.returncode == 2, result.stderr
    assert message in " ".join(result.stderr.split())
    assert not out.exists()


def test_a_run_folder_holds_one_strategy_with_its_settings_and_force_replaces_it(tmp_path):
    (record,) = humaneval_records("HumanEval/0")
    data = write_data(tmp_path / "he.jsonl", [record])
    out = tmp_path / "out"
    with ScriptedServer(answer=lambda body, choice: "```python\nx = 1\n```") as server:
        run_strategy(out, data, server, "self-debug", {"rounds": 0})
        assert read_trajectories(out, "HumanEval/0")
        with pytest.raises(UserError, match=r"another run \(.*strategy\.settings\.rounds=0\)"):
            run_strategy(out, data, server, "self-debug", {"rounds": 1})
        with pytest.raises(UserError, match=r"another run \(.*strategy\.name=self-debug"):
            run_strategy(out, data, server, "direct")
        forced = run_strategy(out, data, server, "direct", force=True)
    assert forced.summary.strategy is None
    # The replaced run's trajectory is gone: `show` cannot pass it off as this run's.
    assert read_trajectories(out, "HumanEval/0") == []


def test_the_prompts_style_is_part_of_a_strategy_runs_identity(tmp_path):
    (record,) = humaneval_records("HumanEval/0")
    data = write_data(tmp_path / "he.jsonl", [record])
    out = tmp_path / "out"
    with ScriptedServer(answer=lambda body, choice: "```python\nx = 1\n```") as server:
        run_strategy(out, data, server, "codet", api="chat")
        with pytest.raises(UserError, match=r"strategy\.prompt_style=chat\) than"):
            run_strategy(out, data, server, "codet", api="completions")


def test_the_default_folder_names_the_strategy_unless_direct(tmp_path, monkeypatch):
    (record,) = humaneval_records("HumanEval/0")
    data = write_data(tmp_path / "he.jsonl", [record])
    monkeypatch.chdir(tmp_path)
    with ScriptedServer(answer=lambda body, choice: "```python\nx = 1\n```") as server:
        debugged = run_strategy(None, data, server, "self-debug", {"rounds": 0})
        direct = run_strategy(None, data, server, "direct")
    assert debugged.out == Path("execbench-runs/humaneval__openai_scripted__self-debug")
    assert direct.out == Path("execbench-runs/humaneval__openai_scripted")


def test_anthropic_takes_a_strategys_system_message_apart():
    prompt = Prompt(
        PromptStyle.CHAT,
        messages=(ChatMessage("system", "Be terse."), ChatMessage("user", "Write add.")),
    )

    async def ask(server: ScriptedServer):
        model = make_model("anthropic:claude-test", {"base_url": server.root_url, "environ": {}})
        try:
            return await model.complete(prompt, GenerationOptions())
        finally:
            await model.aclose()

    with ScriptedServer(answer=lambda body, choice: "ok") as server:
        (generation,) = asyncio.run(ask(server))
        body = server.requests[0].body
    assert generation.text == "ok"
    assert body["system"] == "Be terse."
    assert body["messages"] == [{"role": "user", "content": "Write add."}]
