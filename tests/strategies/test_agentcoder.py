"""AgentCoder against a scripted model: the test designer writes two right tests and a wrong
one; the programmer's first program is wrong, its first revision right (it passes the two right
tests), its second broken. The executor feeds failures back; the answer is the program that
passed the most designed tests, not the last."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from execbench.store import read_trajectories
from tests.strategies.scripted import fenced, humaneval_records, run_strategy, write_data
from tests.support.openai_server import ScriptedServer, prompt_of

DESIGNED = (
    "```python\n"
    "assert has_close_elements([1.0, 2.0, 3.0], 0.5) == False\n"
    "assert has_close_elements([1.0, 1.2], 0.5) == True\n"
    "assert has_close_elements([1.0, 5.0], 0.5) == True  # wrong: the designer erred\n"
    "```"
)


def test_agentcoder_keeps_the_program_passing_most_designed_tests(tmp_path):
    (record,) = humaneval_records("HumanEval/0")
    data = write_data(tmp_path / "he.jsonl", [record])
    right = record["prompt"] + record["canonical_solution"]
    programs = [
        record["prompt"] + "    return None\n",
        right,
        record["prompt"] + "    raise ValueError('broken')\n",
    ]

    def answer(body: Mapping[str, Any], choice: int) -> str:
        text = prompt_of(body)
        if "Design tests" in text:
            assert "def " + "has_close_elements" in text and "return" not in text.split("```")[1]
            return DESIGNED
        revisions = text.count("The test executor ran your program")
        return fenced(programs[min(revisions, 2)])

    with ScriptedServer(answer=answer) as server:
        outcome = run_strategy(tmp_path / "ac", data, server, "agentcoder", {"rounds": 2})
        asked = [prompt_of(request.body) for request in server.requests]
    (trajectory,) = read_trajectories(outcome.out, "HumanEval/0")
    assert [call.purpose for call in trajectory.calls] == ["tests", "program", "repair", "repair"]
    assert len(trajectory.tests) == 3
    assert [a.passed_tests for a in trajectory.attempts] == [[], [0, 1], []]
    # The revision request shows the failing tests with what the program gave.
    assert "assert has_close_elements([1.0, 1.2], 0.5) == True # output: None" in asked[2]
    assert outcome.results[0].passed  # the first revision, passing 2 of 3: right
    assert "return None" not in trajectory.answers[0].text
    assert "raise ValueError" not in trajectory.answers[0].text
