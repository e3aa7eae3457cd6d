"""Self-Debug and Reflexion against a scripted model whose first answers are wrong.

Four HumanEval tasks: HumanEval/0 is fixed only once the feedback it needs arrives, /2 is never
fixed, /3 is right at once, /38 has no visible examples (nothing to debug against). Direct
sampling of the same model passes 1 of 4; the loops pass 2, stop where the method says, and
answer with the program the method prescribes.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from execbench.analysis.show import show_sample
from execbench.report.trajectory_view import render_trajectory
from execbench.store import read_trajectories
from tests.strategies.scripted import (
    fenced,
    humaneval_records,
    passed_by_task,
    run_strategy,
    write_data,
)
from tests.support import execbench_command, run_cli
from tests.support.openai_server import ScriptedServer, prompt_of

TASKS = ("HumanEval/0", "HumanEval/2", "HumanEval/3", "HumanEval/38")
FIXABLE, HOPELESS, RIGHT, NO_EXAMPLES = TASKS
ROUNDS = 2


@pytest.fixture(scope="module")
def records():
    return humaneval_records(*TASKS)


@pytest.fixture(scope="module")
def data(tmp_path_factory, records):
    return write_data(tmp_path_factory.mktemp("data") / "humaneval.jsonl", records)


def task_of(text: str, records: list[dict]) -> dict:
    """The task a request is about: the one whose function it names (38 also names 37's)."""
    named = [r for r in records if f"def {r['entry_point']}(" in text]
    return named[-1]


def wrong(record: dict) -> str:
    return record["prompt"] + "    return None\n"


def right(record: dict) -> str:
    return record["prompt"] + record["canonical_solution"]


def model(records: list[dict], fixed_when: str):
    """Wrong first answers; FIXABLE is answered right once a request holds `fixed_when` (the
    failing example's output, so only true feedback fixes it), RIGHT always is."""

    def answer(body: Mapping[str, Any], choice: int) -> str:
        text = prompt_of(body)
        if "[reflection]:" in text:
            return "REFLECTION: the function returns None where it must compute a boolean."
        record = task_of(text, records)
        if record["task_id"] == RIGHT or (record["task_id"] == FIXABLE and fixed_when in text):
            return fenced(right(record))
        return fenced(wrong(record))

    return answer


def test_direct_sampling_passes_only_what_is_right_at_once(tmp_path, data, records):
    with ScriptedServer(answer=model(records, fixed_when="never")) as server:
        outcome = run_strategy(tmp_path / "direct", data, server, "direct")
    assert outcome.summary.pass_at_k["1"] == 0.25
    assert outcome.summary.strategy is None  # a direct run's summary is as it always was


def test_self_debug_repairs_from_the_failing_example(tmp_path, data, records):
    # The repair turn must show the failing example and what the program returned.
    needed = "assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False # output: None"
    with ScriptedServer(answer=model(records, fixed_when=needed)) as server:
        outcome = run_strategy(tmp_path / "sd", data, server, "self-debug", {"rounds": ROUNDS})
        asked = [prompt_of(request.body) for request in server.requests]
    assert passed_by_task(outcome) == {
        FIXABLE: [True],
        HOPELESS: [False],
        RIGHT: [True],
        NO_EXAMPLES: [False],
    }
    assert outcome.summary.pass_at_k["1"] == 0.5
    trajectories = {t: read_trajectories(outcome.out, t)[0] for t in TASKS}
    # Stops at the first program passing the visible examples, or after R rounds.
    assert [len(trajectories[t].calls) for t in TASKS] == [2, 1 + ROUNDS, 1, 1]
    assert [trajectories[t].rounds_used for t in TASKS] == [1, ROUNDS, 0, 0]
    assert len(asked) == 2 + 1 + ROUNDS + 1 + 1
    # One conversation: the repair turn carries the first answer and the feedback.
    hopeless = trajectories[HOPELESS]
    assert [a.passed_examples for a in hopeless.attempts] == [False] * (1 + ROUNDS)
    assert trajectories[NO_EXAMPLES].notes and trajectories[NO_EXAMPLES].attempts[0].examples == []
    fixed = trajectories[FIXABLE]
    assert [a.passed_examples for a in fixed.attempts] == [False, True]
    assert "return None" not in fixed.answers[0].text
    assert outcome.summary.strategy is not None
    assert outcome.summary.strategy.model_calls == len(asked)
    assert fixed.calls[1].prompt_tokens > fixed.calls[0].prompt_tokens  # the turn adds context
    # `show` finds the trajectory a sample came from, and renders its attempts.
    view = show_sample(outcome.out, FIXABLE)
    assert view.trajectory == fixed and view.to_dict()["trajectory"]["rounds_used"] == 1
    console = Console(record=True, width=200)
    console.print(render_trajectory(fixed))
    shown = console.export_text()
    assert "first try: failed a visible example" in shown
    assert "✗ assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False  → None" in shown
    assert "repair round 1: passed the visible examples" in shown


def test_reflexion_retries_with_its_reflection_in_memory(tmp_path, data, records):
    # Fixed only when the program request carries the reflection (the memory) and the results.
    needed = "REFLECTION: the function returns None"
    with ScriptedServer(answer=model(records, fixed_when=needed)) as server:
        outcome = run_strategy(
            tmp_path / "rx", data, server, "reflexion", {"rounds": ROUNDS, "memory": 1}
        )
        asked = [prompt_of(request.body) for request in server.requests]
    assert outcome.summary.pass_at_k["1"] == 0.5
    fixed = read_trajectories(outcome.out, FIXABLE)[0]
    assert [call.purpose for call in fixed.calls] == ["program", "reflection", "program"]
    hopeless = read_trajectories(outcome.out, HOPELESS)[0]
    assert [call.purpose for call in hopeless.calls] == ["program"] + ["reflection", "program"] * 2
    # The reflection request shows the program and its results, and asks for no code.
    reflection_request = next(text for text in asked if "[reflection]:" in text)
    assert "Tests failed:" in reflection_request and "# output: None" in reflection_request
    # With memory 1, the second retry of HOPELESS holds one reflection, not two.
    retries = [t for t in asked if "[improved program]" in t and "def truncate_number(" in t]
    assert [t.count("REFLECTION:") for t in retries] == [1, 1]


def _answered(out: Path) -> int:
    try:
        with sqlite3.connect(out / "run.sqlite") as db:
            return db.execute("SELECT COUNT(*) FROM generations").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_run_replays_its_trajectories_without_asking_again(tmp_path, data, records):
    needed = "# output: None"
    command = execbench_command(
        "run", "-b", "humaneval", "--data", str(data), "-m", "openai:scripted", "--strategy",
        "self-debug", "--rounds", str(ROUNDS), "--concurrency", "1", "--json",
    )  # fmt: skip
    with ScriptedServer(answer=model(records, fixed_when=needed)) as server:
        whole = run_cli(*command[3:], "--base-url", server.url, "--out", str(tmp_path / "whole"))
        assert whole.returncode == 0, whole.stderr
        uninterrupted = len(server.requests)
    out = tmp_path / "killed"
    with ScriptedServer(answer=model(records, fixed_when=needed), latency_s=0.3) as server:
        process = subprocess.Popen(
            [*command, "--base-url", server.url, "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while _answered(out) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.kill()
        process.wait()
        answered_before, asked_before = _answered(out), len(server.requests)
        assert 3 <= answered_before < uninterrupted
        resumed = run_cli(*command[3:], "--base-url", server.url, "--out", str(out))
        assert resumed.returncode == 0, resumed.stderr
        asked_again = len(server.requests) - asked_before
    # Every answer stored before the kill is replayed from the store, none asked twice.
    assert asked_again == uninterrupted - answered_before
    summary = json.loads(resumed.stdout)
    assert summary["generation"]["cached"] == answered_before
    assert (out / "results.jsonl").read_bytes() == (tmp_path / "whole/results.jsonl").read_bytes()
