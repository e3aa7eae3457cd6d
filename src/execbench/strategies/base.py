"""The strategy interface: how a model (and the sandbox) produce a run's samples.

`samples` yields every sample of the run. Direct sampling asks the model with the benchmark's
own prompts; the others (runner.py: `TrajectoryStrategy`) solve each task from its public part
alone, recording a trajectory. A strategy's settings are a frozen dataclass of its own: they
are part of the run's identity, so a run folder holds one strategy with one set of settings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar, Protocol

from execbench.core import Sample, Task, UserError
from execbench.models import GenerationOptions, Model
from execbench.models.stream import GenerationCache, GenerationTotals
from execbench.prompts import PromptStyle
from execbench.strategies.execution import CaseRunner
from execbench.strategies.trajectory import Answer, RankGroup, Trajectory


class TrajectoryStore(Protocol):
    """Where finished trajectories are kept (the run store implements it). `basis` names what
    a trajectory was made under (strategy, model, options): one made under another is not
    reused."""

    def get(self, task_id: str, chain: int, basis: str) -> Trajectory | None: ...

    def put(self, trajectory: Trajectory, basis: str) -> None: ...


@dataclass
class StrategyRun:
    """What a strategy produces a run's samples with."""

    model: Model
    tasks: Sequence[Task]
    options: GenerationOptions
    concurrency: int
    runner: CaseRunner
    totals: GenerationTotals
    cache: GenerationCache | None = None
    trajectories: TrajectoryStore | None = None


@dataclass(frozen=True)
class Solution:
    """The answers a strategy settled on: one per chain, or CodeT's ranked n."""

    answers: list[Answer]
    ranking: list[RankGroup] | None = None


@dataclass(frozen=True)
class NoSettings:
    pass


class Strategy(ABC):
    """`Settings`: its options (a frozen dataclass with defaults); `ranks`: it answers with all
    n samples ranked (pass@k is then CodeT's, over the ranking); `styles`: the prompt styles it
    can send (chat, base)."""

    name: ClassVar[str]
    description: ClassVar[str]
    Settings: ClassVar[type] = NoSettings
    ranks: ClassVar[bool] = False
    styles: ClassVar[frozenset[PromptStyle]] = frozenset({PromptStyle.CHAT})

    def __init__(self, settings: Any = None) -> None:
        self.settings = settings if settings is not None else self.Settings()

    def identity(self) -> dict[str, Any]:
        """What the answers depend on besides the model and the task, as plain data."""
        return {"name": self.name, "settings": asdict(self.settings)}

    def check(self, model: Model) -> None:
        """Refuse, before anything runs, a model this strategy cannot work with."""
        if model.prompt_style not in self.styles:
            styles = " or ".join(sorted(self.styles))
            raise UserError(
                f"--strategy {self.name} sends prompts of its own ({styles}): {model.name} cannot "
                "take them (use an openai: or anthropic: model; an OpenAI-compatible server "
                "serves local models)"
            )

    def check_tasks(self, tasks: Sequence[Task]) -> None:  # noqa: B027 - most take any task
        """Refuse, before anything runs, tasks this strategy cannot answer."""

    @abstractmethod
    def samples(self, run: StrategyRun) -> AsyncIterator[Sample]:
        """Every task's samples, as they are ready."""


def settings_from(strategy: type[Strategy], given: Mapping[str, Any]) -> Any:
    """The strategy's settings with the options the user gave (None: not given)."""
    known = {field.name for field in fields(strategy.Settings)}
    chosen = {name: value for name, value in given.items() if value is not None}
    wrong = sorted(set(chosen) - known)
    if wrong:
        options = ", ".join(f"--{name.replace('_', '-')}" for name in sorted(known)) or "none"
        flags = ", ".join(f"--{name.replace('_', '-')}" for name in wrong)
        raise UserError(
            f"{flags}: not an option of --strategy {strategy.name} (its options: {options})"
        )
    for name, value in chosen.items():
        if isinstance(value, int) and value < 0:
            raise UserError(f"--{name.replace('_', '-')} {value}: expected 0 or more")
    return strategy.Settings(**chosen)
