"""The generation stream: bounded concurrency, yielding as answers come, cache, failures."""

import asyncio

import pytest

from execbench.core import UserError
from execbench.models import Generation, GenerationOptions, Model, ModelError, Usage
from execbench.models.stream import GenerationTotals, generate_samples
from execbench.store import SqliteGenerationCache
from tests.support.tasks import toy_task


class ScriptedModel(Model):
    """Answers `task_id#index`; tasks in `slow` take longer; `fail` raises the given error."""

    name = "scripted"

    def __init__(self, supports_n=True, slow=(), fail=None):
        self.supports_n = supports_n
        self.slow = set(slow)
        self.fail = fail or {}
        self.calls: list[tuple[str, int]] = []
        self.in_flight = 0
        self.most_in_flight = 0

    def request_identity(self, task, options):
        return {"model": self.name, "prompt": task.prompt, "options": options.identity()}

    async def generate(self, task, options):
        self.calls.append((task.task_id, options.n))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.05 if task.task_id in self.slow else 0.001)
            if task.task_id in self.fail:
                raise self.fail[task.task_id]
            usage = Usage(prompt_tokens=10, completion_tokens=5, latency_s=0.01)
            return [Generation(f"{task.task_id}#{len(self.calls)}", usage=usage)] * options.n
        finally:
            self.in_flight -= 1


TASKS = [toy_task(f"t/{i}", prompt=f"def add(a, b):  # {i}\n") for i in range(6)]


def collect(model, options, concurrency=2, cache=None, totals=None):
    async def go():
        return [
            s async for s in generate_samples(model, TASKS, options, concurrency, cache, totals)
        ]

    return asyncio.run(go())


def test_bounded_concurrency_and_answers_yielded_in_completion_order():
    model = ScriptedModel(slow={"t/0"})
    samples = collect(model, GenerationOptions(n=2), concurrency=3)
    assert model.most_in_flight == 3
    assert sorted((s.task_id, s.sample_index) for s in samples) == [
        (t.task_id, i) for t in TASKS for i in range(2)
    ]
    assert samples[-1].task_id == "t/0"  # the slow task did not hold the others back


def test_without_n_support_each_sample_is_its_own_request():
    model = ScriptedModel(supports_n=False)
    samples = collect(model, GenerationOptions(n=3))
    assert len(samples) == 18 and {n for _, n in model.calls} == {1}


def test_cache_answers_reruns_and_extends(tmp_path):
    totals = GenerationTotals()
    with SqliteGenerationCache(tmp_path / "run.sqlite") as cache:
        first = collect(ScriptedModel(), GenerationOptions(n=2, temperature=0.5), cache=cache,
                        totals=totals)  # fmt: skip
        assert (totals.generated, totals.cached, cache.count()) == (12, 0, 12)
        assert totals.prompt_tokens == 120 and totals.cost_usd is None

        model = ScriptedModel()
        again = GenerationTotals()
        second = collect(model, GenerationOptions(n=3, temperature=0.5), cache=cache, totals=again)
        assert model.calls == [(t.task_id, 1) for t in TASKS]  # only sample index 2 was missing
        assert (again.generated, again.cached) == (6, 12)
        by_key = {(s.task_id, s.sample_index): s.text for s in second}
        assert all(by_key[(s.task_id, s.sample_index)] == s.text for s in first)

        other = ScriptedModel()
        collect(other, GenerationOptions(n=2, temperature=0.9), cache=cache)
        assert len(other.calls) == 6  # other parameters, other keys


def test_a_failing_task_is_reported_and_the_others_go_on():
    totals = GenerationTotals()
    model = ScriptedModel(fail={"t/3": ModelError("gave up after 6 attempts")})
    samples = collect(model, GenerationOptions(n=1), totals=totals)
    assert {s.task_id for s in samples} == {t.task_id for t in TASKS} - {"t/3"}
    assert totals.failures == {"t/3": "gave up after 6 attempts"}


def test_a_caller_mistake_ends_the_stream():
    model = ScriptedModel(fail={"t/1": UserError("the API key was refused")})
    with pytest.raises(UserError, match="refused"):
        collect(model, GenerationOptions(n=1))
