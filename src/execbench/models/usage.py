"""What a generation cost: tokens, time, money."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    """US dollars per million tokens, as providers list them."""

    input_per_mtok: float
    output_per_mtok: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (
            prompt_tokens * self.input_per_mtok + completion_tokens * self.output_per_mtok
        ) / 1e6


@dataclass(frozen=True)
class Usage:
    """Per sample. A request that returned n samples has its tokens split evenly among them."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    cost_usd: float | None = None
    attempts: int = 0


def split_usage(
    prompt_tokens: int,
    completion_tokens: int,
    n: int,
    latency_s: float,
    attempts: int,
    price: Price | None,
) -> list[Usage]:
    """One request's usage shared by its n samples: the sums equal the request's totals."""
    usages = []
    for i in range(n):
        prompt = prompt_tokens // n + (1 if i < prompt_tokens % n else 0)
        completion = completion_tokens // n + (1 if i < completion_tokens % n else 0)
        cost = price.cost(prompt, completion) if price else None
        usages.append(Usage(prompt, completion, latency_s, cost, attempts))
    return usages
