"""`--strategy codet` (Chen et al., 2022, "CodeT: Code Generation with Generated Tests").

The model writes -n programs and --test-samples test generations (asserts calling the entry
point; with a base model, the continuation of CodeT's prompt: the function with its body
`pass`, then `# check the correctness of NAME` and `assert `). The test cases are taken out as
CodeT's post-processing does, the first --cases-per-test of each generation; every distinct
program runs on every distinct case, each case under a CPU-time limit; dual execution agreement
ranks the programs (agreement.py). All n programs are judged; pass@k is CodeT's, over the
ranking (metrics/ranked_pass_at_k.py).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from execbench.core import Program
from execbench.prompts import ChatMessage, Prompt, PromptStyle
from execbench.strategies import register_strategy
from execbench.strategies.agreement import case_counts, dual_agreement, model_tests
from execbench.strategies.base import Solution
from execbench.strategies.codet_tests import (
    DEFAULT_CASES_PER_GENERATION,
    limited_cases,
    test_text,
)
from execbench.strategies.execution import CaseRunner
from execbench.strategies.public import PublicTask
from execbench.strategies.runner import TrajectoryStrategy
from execbench.strategies.tools import Tools
from execbench.strategies.trajectory import Answer, Attempt, ModelTest, RankGroup

NO_AGREEMENT = "no program passed any of the model's tests: no ranking"
# CodeT's --timeout: seconds per test case (CodeT's are wall seconds; these are CPU seconds).
CASE_TIMEOUT_S = 0.1
ASK_TESTS = (
    "Write test cases for the function below, without implementing it: assert statements, one "
    "per line, each calling `{entry_point}` with concrete arguments and comparing the result with "
    "the expected value. Reply with them in a single ```python code block.\n\n"
    "```python\n{prompt}\n```"
)


@dataclass(frozen=True)
class CodeTSettings:
    test_samples: int | None = None  # None: as many test generations as programs (-n)
    cases_per_test: int = DEFAULT_CASES_PER_GENERATION
    case_timeout_s: float = CASE_TIMEOUT_S


def test_prompt(task: PublicTask, style: PromptStyle) -> Prompt:
    """What asks the model for tests of `task`'s entry point."""
    entry_point = task.entry_point or ""
    if style is PromptStyle.BASE:
        text = f"{task.prompt}    pass\n\n# check the correctness of {entry_point}\nassert "
        return Prompt(style, text=text)
    content = ASK_TESTS.format(entry_point=entry_point, prompt=task.prompt.rstrip())
    return Prompt(style, messages=(ChatMessage("user", content),))


@dataclass(frozen=True)
class Agreement:
    """CodeT's ranking of one task's samples, and what it was made from."""

    ranking: list[RankGroup]
    tests: list[ModelTest]
    attempts: list[Attempt]  # one per sample: its program and the tests it passed


async def rank_programs(
    task: PublicTask,
    runner: CaseRunner,
    programs: list[str],
    test_generations: list[str],
    settings: CodeTSettings,
) -> Agreement:
    """Dual execution agreement over `programs` (one per sample, by sample index) and the test
    cases of `test_generations`."""
    assert task.entry_point is not None
    limited = limited_cases(test_generations, task.entry_point, settings.cases_per_test)
    counts = case_counts(limited)
    cases = list(counts)
    distinct = list(dict.fromkeys(programs))
    outcomes = await asyncio.gather(
        *(
            runner.run_asserts(
                task.runnable(Program(task.language, source)), cases, settings.case_timeout_s
            )
            for source in distinct
        )
    )
    passed = {
        source: [index for index, outcome in enumerate(result) if outcome.passed]
        for source, result in zip(distinct, outcomes, strict=True)
    }
    passed_cases = {source: frozenset(cases[i] for i in found) for source, found in passed.items()}
    return Agreement(
        ranking=dual_agreement(programs, counts, passed_cases),
        tests=model_tests(counts),
        attempts=[Attempt(program=source, passed_tests=passed[source]) for source in programs],
    )


@register_strategy
class CodeT(TrajectoryStrategy):
    name = "codet"
    description = "rank -n programs by dual execution agreement on the model's own tests"
    Settings = CodeTSettings
    ranks = True
    styles = frozenset({PromptStyle.CHAT, PromptStyle.BASE})

    async def solve(self, task: PublicTask, tools: Tools) -> Solution:
        generations = await tools.ask("programs", tools.task_prompt(), n=tools.options.n)
        answers = [Answer(text=g.text, format=g.format) for g in generations]
        if task.entry_point is None or task.language != "python":
            tools.notes.append("CodeT's tests are Python asserts on a function: no ranking")
            return Solution(answers)
        m = self.settings.test_samples or tools.options.n
        tests = await tools.ask("tests", test_prompt(task, tools.style), n=m)
        programs = [tools.program(generation).source for generation in generations]
        texts = [test_text(generation.text, generation.format) for generation in tests]
        agreement = await rank_programs(task, tools.session.runner, programs, texts, self.settings)
        tools.tests, tools.attempts = agreement.tests, agreement.attempts
        if not agreement.ranking:
            tools.notes.append(NO_AGREEMENT)
        return Solution(answers, agreement.ranking or None)
