"""What a strategy works with on one task: the model, the case runner, and a record of both.

Every model call goes through `ask`, keyed by content in the run's generation cache: what was
sent (the backend's identity of the prompt and options), the chain, and how many identical
requests came before in this trajectory. A run killed mid-way replays its strategies from there
and gets the same answers back without asking the model, since the cases' outcomes that shape
the next prompts are deterministic too.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace

from execbench.core import Program
from execbench.models import Generation, GenerationOptions, Model
from execbench.models.stream import GenerationCache, GenerationTotals, cache_key
from execbench.prompts import Prompt, PromptStyle, build_prompt
from execbench.strategies.execution import CaseRunner
from execbench.strategies.public import PublicTask
from execbench.strategies.trajectory import Attempt, CallRecord, CaseOutcome, ModelTest


@dataclass
class Session:
    """What all of a run's tasks share."""

    model: Model
    options: GenerationOptions
    gate: asyncio.Semaphore  # bounds the requests in flight
    runner: CaseRunner
    totals: GenerationTotals
    cache: GenerationCache | None = None

    @property
    def style(self) -> PromptStyle:
        style = self.model.prompt_style
        assert style is not None, "checked when the run starts"
        return style


class Tools:
    def __init__(self, session: Session, task: PublicTask, chain: int) -> None:
        self.session = session
        self.task = task
        self.chain = chain
        self.calls: list[CallRecord] = []
        self.attempts: list[Attempt] = []
        self.tests: list[ModelTest] = []
        self.notes: list[str] = []
        self._asked: Counter[str] = Counter()

    @property
    def style(self) -> PromptStyle:
        return self.session.style

    @property
    def options(self) -> GenerationOptions:
        return self.session.options

    def task_prompt(self) -> Prompt:
        """The benchmark's prompt for this task (its public part), in the model's style."""
        return build_prompt(self.task.as_task(), self.style, self.options.stop)

    async def ask(self, purpose: str, prompt: Prompt, n: int = 1) -> list[Generation]:
        """`n` answers to `prompt`, from the cache where an earlier run got them."""
        model, options = self.session.model, replace(self.session.options, n=n)
        request = json.dumps(model.prompt_identity(prompt, options), sort_keys=True)
        occurrence = self._asked[request]
        self._asked[request] += 1
        identity = {
            "request": hashlib.sha256(request.encode()).hexdigest(),
            "task": self.task.task_id,
            "chain": self.chain,
            "occurrence": occurrence,
        }
        keys = [cache_key(identity, choice) for choice in range(n)]
        cache = self.session.cache
        hits = cache.get(keys) if cache is not None else {}
        missing = [choice for choice, key in enumerate(keys) if key not in hits]
        fresh: list[Generation] = []
        if missing:
            async with self.session.gate:
                fresh = await model.complete(prompt, replace(options, n=len(missing)))
        by_choice = dict(zip(missing, fresh, strict=True))
        generations = []
        for choice, key in enumerate(keys):
            if choice in by_choice:
                generation = by_choice[choice]
                if cache is not None:
                    cache.put(key, self.task.task_id, self.chain, generation)
            else:
                generation = hits[key]
            self.session.totals.add(generation.usage, cached=choice not in by_choice)
            generations.append(generation)
        self._record(purpose, generations)
        return generations

    def _record(self, purpose: str, generations: list[Generation]) -> None:
        costs = [g.usage.cost_usd for g in generations if g.usage.cost_usd is not None]
        self.calls.append(
            CallRecord(
                purpose=purpose,
                choices=len(generations),
                prompt_tokens=sum(g.usage.prompt_tokens for g in generations),
                completion_tokens=sum(g.usage.completion_tokens for g in generations),
                cost_usd=sum(costs) if costs else None,
            )
        )

    def program(self, generation: Generation) -> Program:
        return self.task.program(generation.text, generation.format)

    async def attempt(self, generation: Generation, round_: int, note: str = "") -> Attempt:
        """The program in `generation`, run on the visible examples, recorded."""
        program = self.program(generation)
        examples = await self.run_examples(program)
        attempt = Attempt(round=round_, program=program.source, examples=examples, note=note)
        self.attempts.append(attempt)
        return attempt

    async def run_examples(self, program: Program) -> list[CaseOutcome]:
        runner, task = self.session.runner, self.task
        program = task.runnable(program)
        if task.asserts:
            return await runner.run_asserts(
                program, task.asserts, runner.example_timeout_s, task.assert_setup
            )
        if task.stdio is not None and task.stdio.cases:
            return await runner.run_stdio(program, task.stdio)
        return []

    def note_tests(self, outcomes: list[CaseOutcome]) -> None:
        """Record which model-written tests (`outcomes` in `self.tests` order) the last attempt
        passed."""
        passed = [index for index, outcome in enumerate(outcomes) if outcome.passed]
        self.attempts[-1] = self.attempts[-1].model_copy(update={"passed_tests": passed})

    async def run_tests(
        self, program: Program, cases: list[str], case_timeout_s: float
    ) -> list[CaseOutcome]:
        """`program` on model-written assert cases."""
        return await self.session.runner.run_asserts(
            self.task.runnable(program), cases, case_timeout_s
        )
