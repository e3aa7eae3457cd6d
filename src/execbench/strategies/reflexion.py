"""`--strategy reflexion --rounds R --memory M` (Shinn et al., 2023, "Reflexion: Language Agents
with Verbal Reinforcement Learning", programming tasks).

The actor writes a program; the evaluator runs it on the visible examples. On a failure the
model first reflects, in a separate request, on why the program is wrong given the test results
(a few sentences, no code). The reflections form a memory; the next program is asked for with
the previous program, its test results and the last M reflections. It stops at the first
program passing the visible examples, or after R rounds; the last program is the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from execbench.prompts import language_name
from execbench.strategies import register_strategy
from execbench.strategies.base import Solution
from execbench.strategies.feedback import chat, fenced, reply_with_program, test_report
from execbench.strategies.public import PublicTask
from execbench.strategies.runner import TrajectoryStrategy
from execbench.strategies.self_debug import NO_EXAMPLES
from execbench.strategies.tools import Tools
from execbench.strategies.trajectory import Answer

REFLECT_SYSTEM = (
    "You are a {language} programming assistant. You are shown a program and the results of "
    "running it on unit tests. Explain in a few sentences why the program is wrong, as the "
    "failing tests show: this explanation will be your hint when you try again. Write only the "
    "explanation, not a program."
)
ACT_SYSTEM = (
    "You are a {language} programming assistant. You are shown a task, your previous program, "
    "its unit test results and your reflections on your earlier attempts. Write an improved, "
    "complete program."
)


@dataclass(frozen=True)
class ReflexionSettings:
    rounds: int = 3
    memory: int = 3


@register_strategy
class Reflexion(TrajectoryStrategy):
    name = "reflexion"
    description = "reflect on the failing visible examples, retry with the reflections in memory"
    Settings = ReflexionSettings

    async def solve(self, task: PublicTask, tools: Tools) -> Solution:
        language = language_name(task.language)
        first = tools.task_prompt()
        (reply,) = await tools.ask("program", first)
        attempt = await tools.attempt(reply, 0)
        if attempt.passed_examples is None:
            tools.notes.append(NO_EXAMPLES)
        reflections: list[str] = []
        for round_ in range(1, self.settings.rounds + 1):
            if attempt.passed_examples is not False:
                break
            report = test_report(attempt.examples)
            program = fenced(attempt.program, task.language)
            ask_reflection = (
                f"[program]:\n{program}\n\n[unit test results]:\n{report}\n\n[reflection]:"
            )
            reflect = chat(
                ("system", REFLECT_SYSTEM.format(language=language)), ("user", ask_reflection)
            )
            (reflection,) = await tools.ask("reflection", reflect)
            reflections.append(reflection.text.strip())
            memory = reflections[-self.settings.memory :] if self.settings.memory else []
            task_text = first.messages[-1].content
            ask_program = (
                f"{task_text}\n\n[previous program]:\n{program}\n\n"
                f"[unit test results of the previous program]:\n{report}\n\n"
                "[reflections on the previous programs, oldest first]:\n"
                + "\n\n".join(memory)
                + f"\n\n[improved program]:\n{reply_with_program(task.language)}"
            )
            act = chat(
                ("system", ACT_SYSTEM.format(language=language)),
                ("user", ask_program),
                stop=first.stop,
            )
            (reply,) = await tools.ask("program", act)
            attempt = await tools.attempt(reply, round_)
        return Solution([Answer(text=reply.text, format=reply.format)])
