"""Inference strategies: how a model (and the sandbox) is used to answer a task.

`direct` (the default) asks for -n samples with the benchmark's own prompt and runs nothing.
The others run code on what the task makes public (`public.py`) and never see its tests:
`codet` ranks n programs by dual execution agreement on the model's own tests, `self-debug`
and `reflexion` repair a program from its failures on the visible examples, `agentcoder` has a
programmer, a test designer and an executor work together. One module per strategy, each
registered in `STRATEGIES` by name (`register_strategy`; plug-ins through the entry-point group
`execbench.strategies`); built-ins are imported on the first lookup, so that reading stored
trajectories (`trajectory.py`) imports none of the machinery.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from execbench.core.registry import Registry

if TYPE_CHECKING:
    from execbench.strategies.base import Strategy

DEFAULT_STRATEGY = "direct"
STRATEGIES: Registry[str, type[Strategy]] = Registry(
    "strategy",
    "execbench.strategies",
    modules=tuple(
        f"execbench.strategies.{name}"
        for name in ("agentcoder", "codet", "direct", "reflexion", "self_debug")
    ),
    normalize=lambda name: name.strip().lower().replace("_", "-"),
)


def register_strategy(cls: type[Strategy]) -> type[Strategy]:
    """Class decorator: the strategy is found as `--strategy cls.name`."""
    return STRATEGIES.register(cls.name, cls)


def strategy_names() -> list[str]:
    return STRATEGIES.names()


def make_strategy(name: str, options: Mapping[str, Any] | None = None) -> Strategy:
    """The strategy called `name`, with the options given for it (None values: not given)."""
    from execbench.strategies.base import settings_from

    cls = STRATEGIES.get(name)
    return cls(settings_from(cls, options or {}))


__all__ = [
    "DEFAULT_STRATEGY",
    "STRATEGIES",
    "make_strategy",
    "register_strategy",
    "strategy_names",
]
