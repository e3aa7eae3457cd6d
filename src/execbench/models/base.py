"""The generation interface: a model turns a task into n raw texts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from execbench.core import SampleFormat, Task, UserError
from execbench.core.registry import Registry
from execbench.models.usage import Usage
from execbench.prompts import Prompt, PromptStyle


class ModelError(Exception):
    """Generation failed for a reason that is not the caller's (retries spent, unusable reply)."""


@dataclass(frozen=True)
class Generation:
    """One raw model output, with how it relates to the task and what it cost."""

    text: str
    format: SampleFormat = SampleFormat.COMPLETION
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class GenerationOptions:
    n: int = 1
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    # Sampling temperature when none is given: greedy for one sample, diverse for several.
    SAMPLING_TEMPERATURE = 0.8

    @property
    def effective_temperature(self) -> float:
        if self.temperature is not None:
            return self.temperature
        return 0.0 if self.n == 1 else self.SAMPLING_TEMPERATURE

    def identity(self) -> Mapping[str, Any]:
        """Parameters that change what the model says (not `n`), as plain data for cache keys."""
        return {
            "temperature": self.effective_temperature,
            "top_p": self.top_p,
            "max_tokens": self.max_tokens,
            "stop": list(self.stop),
            "seed": self.seed,
            "extra": dict(sorted(self.extra.items())),
        }


class Model(ABC):
    """A generation backend. `generate` returns exactly `options.n` generations for the task.

    `supports_n`: one request can return several samples; when False the caller asks n times with
    n = 1. `request_identity` describes what would be sent for a task (rendered prompt, model,
    parameters except n) as plain data; None means "do not cache" (backends that ask nobody).

    Strategies send prompts of their own (follow-up turns, test requests): a backend that can
    takes them in `complete`, and says in `prompt_style` which kind it sends (None: it cannot).
    """

    name: str
    supports_n: bool = True
    prompt_style: PromptStyle | None = None

    def request_identity(self, task: Task, options: GenerationOptions) -> Mapping[str, Any] | None:
        return None

    async def prepare(self, tasks: Sequence[Task], options: GenerationOptions) -> None:  # noqa: B027
        """Called once with every task before any `generate` (file readers, batch engines)."""

    @abstractmethod
    async def generate(self, task: Task, options: GenerationOptions) -> list[Generation]: ...

    async def complete(self, prompt: Prompt, options: GenerationOptions) -> list[Generation]:
        """`options.n` answers to a prompt a strategy wrote (of this backend's `prompt_style`)."""
        raise UserError(f"{self.name} takes no prompts but the benchmark's own")

    def prompt_identity(self, prompt: Prompt, options: GenerationOptions) -> Mapping[str, Any]:
        """What `complete` would send, as plain data for cache keys (like `request_identity`)."""
        raise UserError(f"{self.name} takes no prompts but the benchmark's own")

    async def aclose(self) -> None:  # noqa: B027 - most backends hold nothing
        """Release clients and engines; called once when the run ends."""


ModelFactory = Callable[[str, Mapping[str, Any]], Model]
MODELS: Registry[str, ModelFactory] = Registry(
    "model backend", "execbench.models", packages=("execbench.models",)
)


def register_model(prefix: str) -> Callable[[ModelFactory], ModelFactory]:
    """Register a factory for `-m PREFIX` or `-m PREFIX:REST`; it receives REST and the options."""
    return MODELS.register(prefix)


def model_prefixes() -> list[str]:
    return MODELS.names()


def make_model(spec: str, settings: Mapping[str, Any] | None = None) -> Model:
    prefix, _, rest = spec.partition(":")
    return MODELS.get(prefix)(rest, settings or {})
