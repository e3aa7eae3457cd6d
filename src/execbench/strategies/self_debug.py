"""`--strategy self-debug --rounds R` (Chen et al., 2023, "Teaching Large Language Models to
Self-Debug", with unit-test feedback).

The model writes a program; it runs on the task's visible examples. While one fails, the model
gets a follow-up turn in the same conversation: the failing example, what the program returned
or raised, and a request for the corrected program. It stops at the first program that passes
the visible examples, or after R repair rounds; the last program is the answer. A task without
visible examples gets one attempt: there is nothing to debug against.
"""

from __future__ import annotations

from dataclasses import dataclass

from execbench.prompts import ChatMessage, Prompt, PromptStyle
from execbench.strategies import register_strategy
from execbench.strategies.base import Solution
from execbench.strategies.feedback import first_failure, reply_with_program
from execbench.strategies.public import PublicTask
from execbench.strategies.runner import TrajectoryStrategy
from execbench.strategies.tools import Tools
from execbench.strategies.trajectory import Answer

NO_EXAMPLES = "no visible examples: the first program is the answer"


@dataclass(frozen=True)
class SelfDebugSettings:
    rounds: int = 3


@register_strategy
class SelfDebug(TrajectoryStrategy):
    name = "self-debug"
    description = "repair the program from its failing visible example, up to --rounds turns"
    Settings = SelfDebugSettings

    async def solve(self, task: PublicTask, tools: Tools) -> Solution:
        prompt = tools.task_prompt()
        messages = list(prompt.messages)
        (reply,) = await tools.ask("program", prompt)
        attempt = await tools.attempt(reply, 0)
        if attempt.passed_examples is None:
            tools.notes.append(NO_EXAMPLES)
        for round_ in range(1, self.settings.rounds + 1):
            if attempt.passed_examples is not False:
                break
            feedback = (
                "The program above fails this visible example:\n\n"
                f"{first_failure(attempt.examples)}\n\n"
                f"Fix the program so that it passes. {reply_with_program(task.language)}"
            )
            messages += [ChatMessage("assistant", reply.text), ChatMessage("user", feedback)]
            repair = Prompt(PromptStyle.CHAT, messages=tuple(messages), stop=prompt.stop)
            (reply,) = await tools.ask("repair", repair)
            attempt = await tools.attempt(reply, round_)
        return Solution([Answer(text=reply.text, format=reply.format)])
