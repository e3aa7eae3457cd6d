"""`--strategy direct` (the default): -n samples per task, asked with the benchmark's own prompt.

Nothing is executed before judging, so nothing is there to leak: the model backend renders the
benchmark's prompt as the benchmark defines it (MBPP's, for one, lists its asserts, as the MBPP
paper's prompt does). This is `execbench run` as it always was: same requests, same cache keys.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from execbench.core import Sample
from execbench.models import Model
from execbench.models.stream import generate_samples
from execbench.strategies import register_strategy
from execbench.strategies.base import Strategy, StrategyRun


@register_strategy
class DirectSampling(Strategy):
    name = "direct"
    description = "n samples per task with the benchmark's prompt, nothing run before judging"

    def check(self, model: Model) -> None:
        """Every backend answers the benchmark's own prompts."""

    def samples(self, run: StrategyRun) -> AsyncIterator[Sample]:
        return generate_samples(
            run.model, run.tasks, run.options, run.concurrency, run.cache, run.totals
        )
