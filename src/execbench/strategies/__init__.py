"""Inference strategies: how a model (and the sandbox) is used to answer a task.

`direct` (the default) asks for -n samples with the benchmark's own prompt and runs nothing.
The others run code on what the task makes public (`public.py`) and never see its tests:
`codet` ranks n programs by dual execution agreement on the model's own tests, `self-debug`
and `reflexion` repair a program from its failures on the visible examples, `agentcoder` has a
programmer, a test designer and an executor work together. One module per strategy, each
registered here by name (`register_strategy`); they are imported on the first lookup, so that
reading stored trajectories (`trajectory.py`) imports none of the machinery.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from execbench.core import UserError

if TYPE_CHECKING:
    from execbench.strategies.base import Strategy

_STRATEGIES: dict[str, type[Strategy]] = {}
_BUILTINS = ("agentcoder", "codet", "direct", "reflexion", "self_debug")
DEFAULT_STRATEGY = "direct"


def register_strategy(cls: type[Strategy]) -> type[Strategy]:
    _STRATEGIES[cls.name] = cls
    return cls


def strategy_names() -> list[str]:
    _load_builtins()
    return sorted(_STRATEGIES)


def make_strategy(name: str, options: Mapping[str, Any] | None = None) -> Strategy:
    """The strategy called `name`, with the options given for it (None values: not given)."""
    from execbench.strategies.base import settings_from

    _load_builtins()
    cls = _STRATEGIES.get(name.lower())
    if cls is None:
        raise UserError(f"unknown strategy {name!r}; known: {', '.join(strategy_names())}")
    return cls(settings_from(cls, options or {}))


def _load_builtins() -> None:
    for module in _BUILTINS:  # each registers itself
        importlib.import_module(f"execbench.strategies.{module}")


__all__ = ["DEFAULT_STRATEGY", "make_strategy", "register_strategy", "strategy_names"]
