"""Samples for many tasks, generated concurrently and yielded as each request completes.

At most `concurrency` requests are in flight. A task's samples are yielded the moment its request
returns, so the engine judges them while other tasks are still being generated. With a cache,
samples answered before (same request identity, same sample index) are yielded at once and never
asked again: a rerun, or a run killed mid-way, asks only for what is missing.
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

    def add(self, usage: Usage, cached: bool) -> None:
        if cached:
            self.cached += 1
        else:
            self.generated += 1
        self.prompt_tokens += usage.prompt_tokens
        self.completion_tokens += usage.completion_tokens
        self.latency_s_sum += usage.latency_s
        if usage.cost_usd is not None:
            self.cost_usd = (self.cost_usd or 0.0) + usage.cost_usd


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
    gate = asyncio.Semaphore(concurrency)

    async def ask(task: Task, indices: list[int], keys: Mapping[int, str]) -> list[Sample]:
        async with gate:
            generations = await model.generate(task, replace(options, n=len(indices)))
        if len(generations) != len(indices):
            raise ModelError(f"{model.name} returned {len(generations)} of {len(indices)} samples")
        samples = []
        for index, generation in zip(indices, generations, strict=True):
            if cache is not None and index in keys:
                cache.put(keys[index], task.task_id, index, generation)
            totals.add(generation.usage, cached=False)
            samples.append(Sample(task.task_id, index, generation.text, generation.format))
        return samples

    async def produce(task: Task, emit: Emit) -> None:
        identity = model.request_identity(task, options) if cache is not None else None
        keys = {i: cache_key(identity, i) for i in range(options.n)} if identity else {}
        hits = cache.get(list(keys.values())) if cache is not None and keys else {}
        cached = []
        for i, key in keys.items():
            if key in hits:
                cached.append(Sample(task.task_id, i, hits[key].text, hits[key].format))
                totals.add(hits[key].usage, cached=True)
        if cached:
            await emit(cached)
        missing = [i for i in range(options.n) if keys.get(i) not in hits]
        batches = [missing] if model.supports_n else [[i] for i in missing]
        results = await asyncio.gather(
            *(ask(task, batch, keys) for batch in batches if batch), return_exceptions=True
        )
        for result in results:
            if isinstance(result, ModelError):
                totals.failures[task.task_id] = str(result)
            elif isinstance(result, BaseException):  # the caller's mistake: ends the run
                raise result
            else:
                await emit(result)

    await model.prepare(tasks, options)
    async for sample in as_ready([partial(produce, task) for task in tasks]):
        yield sample


# Hands a producer's samples over, as soon as it has them.
Emit = Callable[[list[Sample]], Awaitable[None]]


async def as_ready(producers: Sequence[Callable[[Emit], Awaitable[None]]]) -> AsyncIterator[Sample]:
    """Run every producer at once and yield the samples each emits, in the order they come. An
    exception from a producer ends the iteration, raised here; leaving it early stops them all."""
    ready: asyncio.Queue[list[Sample] | BaseException | None] = asyncio.Queue()

    async def produce_all() -> None:
        try:
            await asyncio.gather(*(produce(ready.put) for produce in producers))
        except BaseException as exc:
            await ready.put(exc)
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
