"""`--strategy agentcoder --rounds R` (Huang et al., 2023, "AgentCoder: Multi-Agent-based Code
Generation with Iterative Testing and Optimisation").

Three agents. The test designer, shown only the task's public part, writes tests (basic, edge
and large-scale cases) as asserts calling the entry point, without seeing any program. The
programmer writes the program, reasoning step by step first. The test executor runs the program
on the designer's tests in the sandbox; when some fail, the programmer gets them back, with what
each call returned or raised, and revises, up to R rounds. The answer is the first program to
pass every designed test, else the one passing most (the latest among equals).
"""

from __future__ import annotations

from dataclasses import dataclass

from execbench.prompts import ChatMessage, Prompt, PromptStyle
from execbench.strategies import register_strategy
from execbench.strategies.base import Solution
from execbench.strategies.codet_tests import extract_test_cases, test_text
from execbench.strategies.feedback import chat, describe_case, reply_with_program
from execbench.strategies.public import PublicTask
from execbench.strategies.runner import TrajectoryStrategy
from execbench.strategies.tools import Tools
from execbench.strategies.trajectory import Answer, ModelTest

PROGRAMMER_SYSTEM = "You are a software programmer."
PROGRAMMER = (
    "{task}\n\nWork step by step: first state what the function must do, then plan the "
    "algorithm, covering edge cases, then write the code. {reply}"
)
DESIGNER_SYSTEM = "You are a software test designer."
DESIGNER = (
    "Design tests for the function `{entry_point}` described below, without implementing it. "
    "Cover basic cases, edge cases and large-scale inputs. Write each test as one assert "
    "statement calling `{entry_point}` and comparing with the expected result, all in a single "
    "```python code block.\n\n```python\n{prompt}\n```"
)
REVISE = (
    "The test executor ran your program on the test designer's tests. These failed:\n\n"
    "{failures}\n\nRevise the program so that it passes them. {reply}"
)


@dataclass(frozen=True)
class AgentCoderSettings:
    rounds: int = 5


@register_strategy
class AgentCoder(TrajectoryStrategy):
    name = "agentcoder"
    description = "programmer, test designer and test executor agents, up to --rounds revisions"
    Settings = AgentCoderSettings

    async def solve(self, task: PublicTask, tools: Tools) -> Solution:
        cases = await self._design_tests(task, tools)
        first = tools.task_prompt()
        request = PROGRAMMER.format(
            task=first.messages[-1].content, reply=reply_with_program(task.language)
        )
        messages = [ChatMessage("system", PROGRAMMER_SYSTEM), ChatMessage("user", request)]
        (reply,) = await tools.ask("program", Prompt(PromptStyle.CHAT, messages=tuple(messages)))
        best, best_passed = reply, -1
        for round_ in range(self.settings.rounds + 1):
            await tools.attempt(reply, round_)
            if not cases:
                tools.notes.append("the test designer wrote no usable test: first program kept")
                break
            outcomes = await tools.run_tests(
                tools.program(reply), cases, tools.session.runner.example_timeout_s
            )
            tools.note_tests(outcomes)
            passed = sum(outcome.passed for outcome in outcomes)
            if passed >= best_passed:
                best, best_passed = reply, passed
            if passed == len(cases) or round_ == self.settings.rounds:
                break
            failures = "\n".join(describe_case(o) for o in outcomes if not o.passed)
            revise = REVISE.format(failures=failures, reply=reply_with_program(task.language))
            messages += [ChatMessage("assistant", reply.text), ChatMessage("user", revise)]
            (reply,) = await tools.ask("repair", Prompt(PromptStyle.CHAT, messages=tuple(messages)))
        return Solution([Answer(text=best.text, format=best.format)])

    async def _design_tests(self, task: PublicTask, tools: Tools) -> list[str]:
        if task.entry_point is None or task.language != "python":
            tools.notes.append("the executor runs Python asserts on a function: no tests designed")
            return []
        content = DESIGNER.format(entry_point=task.entry_point, prompt=task.prompt.rstrip())
        (reply,) = await tools.ask("tests", chat(("system", DESIGNER_SYSTEM), ("user", content)))
        cases = list(
            dict.fromkeys(extract_test_cases(test_text(reply.text, reply.format), task.entry_point))
        )
        tools.tests = [ModelTest(case=case) for case in cases]
        return cases
