"""The generation interface: a model turns a task into n raw texts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from execbench.core import SampleFormat, Task, UserError


@dataclass(frozen=True)
class Generation:
    """One raw model output, with how it relates to the task and what it cost."""

    text: str
    format: SampleFormat = SampleFormat.COMPLETION
    usage: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GenerationOptions:
    n: int = 1
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


class Model(ABC):
    """A generation backend. `generate` returns exactly `options.n` generations for the task."""

    name: str

    @abstractmethod
    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]: ...

    async def aclose(self) -> None:  # noqa: B027 - most backends hold nothing
        """Release clients and engines; called once when the run ends."""


ModelFactory = Callable[[str, Mapping[str, Any]], Model]
_FACTORIES: dict[str, ModelFactory] = {}


def register_model(prefix: str) -> Callable[[ModelFactory], ModelFactory]:
    """Register a factory for `-m PREFIX` or `-m PREFIX:REST`; it receives REST and the options."""

    def decorate(factory: ModelFactory) -> ModelFactory:
        _FACTORIES[prefix] = factory
        return factory

    return decorate


def model_prefixes() -> list[str]:
    return sorted(_FACTORIES)


def make_model(spec: str, settings: Mapping[str, Any] | None = None) -> Model:
    prefix, _, rest = spec.partition(":")
    factory = _FACTORIES.get(prefix)
    if factory is None:
        raise UserError(f"unknown model {spec!r}; known prefixes: {', '.join(model_prefixes())}")
    return factory(rest, settings or {})
