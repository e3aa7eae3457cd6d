"""Samples for many tasks, generated concurrently and yielded as each request completes.

At most `concurrency` requests are in flight. A task's samples are yielded the moment its request
returns, so the engine judges them while other tasks are still being generated. With a cache,
samples answered before (same request identity, same sample index) are yielded at once and never
asked again: a rerun, or a run killed mid-way, asks only for what is missing.

A two-step task (`Task.follow_up`, HumanEvalExplain) is asked twice per sample: its own prompt
first, then the follow-up task made from that answer; the second answer is the sample. Both are
cached (and kept in the run store) under their own requests, so a rerun asks for neither again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Protocol

from execbench.core import Sample, Task
from execbench.models.base import Generation, GenerationOptions, Model, ModelError
from execbench.models.usage import Usage


class GenerationCache(Protocol):
    """Where answered samples are kept, by content key (the run store implements it)."""

    def get(self, keys: Sequence[str]) -> Mapping[str, Generation]: ...

    def put(self, key: str, task_id: str, sample_index: int, generation: Generation) -> None: ...


def cache_key(identity: Mapping[str, Any], sample_index: int) -> str:
    """sha256 of (model, rendered prompt, parameters) and the sample's index."""
    payload = json.dumps({"request": identity, "sample_index": sample_index}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class GenerationTotals:
    """What generation cost over the run, cached samples included (they were paid for once)."""

    generated: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None
    latency_s_sum: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)

    def add(self, usage: Usage, cached: bool, sample: bool = True) -> None:
        """Count one answer; `sample`: it is a sample, not a first step's answer."""
        if sample and cached:
            self.cached += 1
        elif sample:
            self.generated += 1
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        self.latency_s_sum += usage.latency_s
        if usage.cost_usd is not None:
            self.cost_usd = (self.cost_usd or 0.0) + usage.cost_usd


@dataclass
class _Requests:
    """Asking `model` for numbered answers to a task, through the cache, within the gate."""

    model: Model
    options: GenerationOptions
    gate: asyncio.Semaphore
    cache: GenerationCache | None
    totals: GenerationTotals

    def keys(self, task: Task, indices: Sequence[int]) -> dict[int, str]:
        if self.cache is None:
            return {}
        identity = self.model.request_identity(task, self.options)
        return {i: cache_key(identity, i) for i in indices} if identity else {}

    def cached(self, keys: Mapping[int, str], sample: bool = True) -> dict[int, Generation]:
        hits = self.cache.get(list(keys.values())) if self.cache is not None and keys else {}
        found = {i: hits[key] for i, key in keys.items() if key in hits}
        for generation in found.values():
            self.totals.add(generation.usage, cached=True, sample=sample)
        return found

    async def ask(
        self, task: Task, indices: list[int], keys: Mapping[int, str], sample: bool = True
    ) -> dict[int, Generation]:
        async with self.gate:
            generations = await self.model.generate(task, replace(self.options, n=len(indices)))
        if len(generations) != len(indices):
            raise ModelError(
                f"{self.model.name} returned {len(generations)} of {len(indices)} samples"
            )
        for index, generation in zip(indices, generations, strict=True):
            if self.cache is not None and index in keys:
                self.cache.put(keys[index], task.task_id, index, generation)
            self.totals.add(generation.usage, cached=False, sample=sample)
        return dict(zip(indices, generations, strict=True))

    def batches(self, missing: list[int]) -> list[list[int]]:
        return [missing] if self.model.supports_n and missing else [[i] for i in missing]

    async def answers(
        self, task: Task, indices: list[int], sample: bool = True
    ) -> dict[int, Generation]:
        """Every numbered answer, cached or asked for now (a failure raises ModelError)."""
        keys = self.keys(task, indices)
        found = self.cached(keys, sample)
        missing = [i for i in indices if i not in found]
        for asked in await asyncio.gather(
            *(self.ask(task, batch, keys, sample) for batch in self.batches(missing))
        ):
            found.update(asked)
        return found

    async def two_step(self, task: Task) -> list[Sample]:
        """A two-step task's samples: each first answer makes the follow-up task answered."""
        assert task.follow_up is not None
        first = await self.answers(task, list(range(self.options.n)), sample=False)

        async def second(index: int) -> Sample:
            follow_up = task.follow_up(task, first[index].text)  # type: ignore[misc]
            final = (await self.answers(follow_up, [index]))[index]
            return Sample(task.task_id, index, final.text, final.format)

        return list(await asyncio.gather(*(second(index) for index in sorted(first))))


async def generate_samples(
    model: Model,
    tasks: Sequence[Task],
    options: GenerationOptions,
    concurrency: int,
    cache: GenerationCache | None = None,
    totals: GenerationTotals | None = None,
) -> AsyncIterator[Sample]:
    """Every task's `options.n` samples, in completion order.

    A task whose generation fails (retries spent, unusable reply) is left out and noted in
    `totals.failures`; running the command again asks for it again. Caller mistakes (a refused
    key, an unknown model) end the run.
    """
    totals = totals if totals is not None else GenerationTotals()
    requests = _Requests(model, options, asyncio.Semaphore(concurrency), cache, totals)

    def samples(task: Task, answers: Mapping[int, Generation]) -> list[Sample]:
        return [Sample(task.task_id, i, g.text, g.format) for i, g in sorted(answers.items())]

    async def produce(task: Task, emit: Emit) -> None:
        if task.follow_up is not None:
            results: Sequence[Any] = await asyncio.gather(
                requests.two_step(task), return_exceptions=True
            )
        else:
            indices = list(range(options.n))
            keys = requests.keys(task, indices)
            cached = requests.cached(keys)
            if cached:
                await emit(samples(task, cached))
            missing = [i for i in indices if i not in cached]
            results = await asyncio.gather(
                *(requests.ask(task, batch, keys) for batch in requests.batches(missing)),
                return_exceptions=True,
            )
        for result in results:
            if isinstance(result, ModelError):
                totals.failures[task.task_id] = str(result)
            elif isinstance(result, BaseException):  # ends the run
                raise result
            else:
                await emit(result if isinstance(result, list) else samples(task, result))

    await model.prepare(tasks, options)
    async for sample in as_ready([partial(produce, task) for task in tasks]):
        yield sample


# Hands a producer's samples over, as soon as it has them.
Emit = Callable[[list[Sample]], Awaitable[None]]


async def as_ready(producers: Sequence[Callable[[Emit], Awaitable[None]]]) -> AsyncIterator[Sample]:
    """Run every producer at once and yield the samples each emits, in the order they come. An
    exception from a producer ends the iteration, raised here; leaving it early stops them all."""
    ready: asyncio.Queue[list[Sample] | BaseException | None] = asyncio.Queue()

    async def run(produce: Callable[[Emit], Awaitable[None]]) -> None:
        try:
            await produce(ready.put)
        except asyncio.CancelledError:
            raise  # stopped because the run is ending: nothing to hand over
        except BaseException as exc:
            # Handed over at once: the run ends before another producer's request goes out.
            ready.put_nowait(exc)
            raise

    async def produce_all() -> None:
        running = [asyncio.ensure_future(run(produce)) for produce in producers]
        try:
            await asyncio.gather(*running)
        except BaseException:
            # gather leaves the others running: no producer may go on once the run is ending.
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
            raise
        finally:
            await ready.put(None)

    producer = asyncio.create_task(produce_all())
    try:
        while (item := await ready.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            for sample in item:
                yield sample
    finally:
        producer.cancel()
        await asyncio.gather(producer, return_exceptions=True)
