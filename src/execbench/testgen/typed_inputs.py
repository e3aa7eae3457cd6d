"""New inputs from old ones by type-aware mutation (EvalPlus's `TypedMutGen`, in spirit).

A mutation changes one argument of an input, by its type, recursively into containers: numbers
step, double, halve, flip sign or take a constant (or its neighbour) seen in the seeds or in
the reference's source ("ingredients", a fuzzer's dictionary); strings lose,
repeat or gain characters; lists, tuples, sets and dicts lose, repeat or gain an element, or
have one mutated. Sizes stay bounded so that every kept input is a test a person can read.
All draws come from the `random.Random` given: the same seed gives the same inputs.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterable
from typing import Any

MAX_ITEMS = 32
MAX_TEXT = 64
MAX_INT = 10**9
_ALPHABET = string.ascii_letters + string.digits + " .,!?-_()[]"


class Ingredients:
    """Constants found in the seed inputs: mutated values are drawn from them too."""

    def __init__(self, seeds: Iterable[Any]) -> None:
        self.ints: list[int] = []
        self.floats: list[float] = []
        self.texts: list[str] = []
        for value in seeds:
            self._collect(value, 0)
        self.ints = sorted(set(self.ints)) or [0, 1]
        self.floats = sorted(set(self.floats)) or [0.5]
        self.texts = sorted(set(self.texts)) or ["a"]

    def _collect(self, value: Any, depth: int) -> None:
        if depth > 8:
            return
        if type(value) is int:
            self.ints.append(value)
        elif type(value) is float and value == value and abs(value) != float("inf"):
            self.floats.append(value)
        elif type(value) is str and len(value) <= MAX_TEXT:
            self.texts.append(value)
        elif isinstance(value, list | tuple | set | frozenset):
            for item in value:
                self._collect(item, depth + 1)
        elif isinstance(value, dict):
            for key, item in value.items():
                self._collect(key, depth + 1)
                self._collect(item, depth + 1)


def edge_variants(args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """`args` with one argument at a time replaced by an edge case of its type: zero, one, minus
    one, a neighbour, another argument's value; an empty, one-item, reversed, sorted or negated
    sequence; an empty or one-character string); and two arguments of one type swapped. The
    boundaries wrong programs most often miss."""
    found: list[tuple[Any, ...]] = []
    for position, value in enumerate(args):
        for edge in _edges(value, args):
            found.append((*args[:position], edge, *args[position + 1 :]))
    for first in range(len(args)):  # two arguments of one type, swapped
        for second in range(first + 1, len(args)):
            if type(args[first]) is type(args[second]) and args[first] != args[second]:
                swapped = list(args)
                swapped[first], swapped[second] = args[second], args[first]
                found.append(tuple(swapped))
    return found


def _edges(value: Any, args: tuple[Any, ...]) -> list[Any]:
    kind = type(value)
    if kind is int:
        others = [other for other in args if type(other) is int and other != value]
        return [0, 1, -1, value - 1, value + 1, *others]
    if kind is float:
        return [0.0, -value, 1.0]
    if kind is str:
        return ["", value[:1], value[::-1]]
    if kind in (list, tuple):
        items = list(value)
        edges = [[], items[:1], items[::-1], items + items[-1:]]
        if items and all(type(item) in (int, float) for item in items):
            edges += [sorted(items), [-item for item in items]]
        return [kind(edge) if kind is tuple else edge for edge in edges]
    return []


def mutate_args(args: tuple[Any, ...], rng: random.Random, ingredients: Ingredients) -> tuple:
    """`args` with one argument (sometimes two) mutated by its type."""
    if not args:
        return args
    changed = list(args)
    for _ in range(1 if rng.random() < 0.8 else 2):
        position = rng.randrange(len(changed))
        changed[position] = mutate(changed[position], rng, ingredients)
    return tuple(changed)


def mutate(value: Any, rng: random.Random, ingredients: Ingredients, depth: int = 0) -> Any:
    kind = type(value)
    if kind is bool:
        return not value
    if kind is int:
        return _bounded_int(_int(value, rng, ingredients))
    if kind is float:
        return _float(value, rng, ingredients)
    if kind is str:
        return _text(value, rng, ingredients)
    if kind in (list, tuple, set, frozenset) and depth < 6:
        items = _items(list(value), rng, ingredients, depth)
        return kind(items) if kind is not list else items
    if kind is dict and depth < 6:
        return _mapping(value, rng, ingredients, depth)
    return value


def _bounded_int(value: int) -> int:
    return max(-MAX_INT, min(MAX_INT, value))


def _int(value: int, rng: random.Random, ingredients: Ingredients) -> int:
    choice = rng.randrange(8)
    if choice == 0:
        return value + rng.choice((-1, 1))
    if choice == 1:
        return value + rng.randint(-10, 10)
    if choice == 2:
        return value * 2 if rng.random() < 0.5 else value // 2
    if choice == 3:
        return -value
    if choice == 4:
        return rng.choice(ingredients.ints)
    if choice == 5:
        return rng.choice(ingredients.ints) + rng.choice((-1, 1))
    if choice == 6:
        return rng.randint(-10, 10)
    return rng.randint(-1000, 1000)


def _float(value: float, rng: random.Random, ingredients: Ingredients) -> float:
    choice = rng.randrange(6)
    if choice == 0:
        return value + 1.0
    if choice == 1:
        return value - 1.0
    if choice == 2:
        return value * 2.0 if abs(value) < 1e9 else value
    if choice == 3:
        return -value
    if choice == 4:
        return rng.choice(ingredients.floats)
    return round(rng.uniform(-100.0, 100.0), 3)


def _text(value: str, rng: random.Random, ingredients: Ingredients) -> str:
    choice = rng.randrange(6)
    if choice == 0 and value:
        at = rng.randrange(len(value))
        return value[:at] + value[at + 1 :]
    if choice == 1 and value:
        begin = rng.randrange(len(value))
        end = rng.randint(begin, len(value))
        return (value[:end] + value[begin:end] + value[end:])[:MAX_TEXT]
    if choice == 2:
        at = rng.randint(0, len(value))
        return (value[:at] + rng.choice(_ALPHABET) + value[at:])[:MAX_TEXT]
    if choice == 3:
        return rng.choice(ingredients.texts)
    if choice == 4:
        return value.swapcase() if rng.random() < 0.5 else value[::-1]
    return (value + rng.choice(ingredients.texts))[:MAX_TEXT]


def _items(items: list, rng: random.Random, ingredients: Ingredients, depth: int) -> list:
    choice = rng.randrange(5)
    if not items:
        return [rng.choice(ingredients.ints)] if choice < 3 else []
    at = rng.randrange(len(items))
    if choice == 0:
        return items[:at] + items[at + 1 :]
    if choice == 1 and len(items) < MAX_ITEMS:
        return [*items[: at + 1], items[at], *items[at + 1 :]]
    if choice == 2 and len(items) < MAX_ITEMS:
        return [*items[:at], mutate(items[at], rng, ingredients, depth + 1), *items[at:]]
    if choice == 3:
        return [*items[:at], mutate(items[at], rng, ingredients, depth + 1), *items[at + 1 :]]
    return items[::-1] if rng.random() < 0.5 else sorted(items, key=repr)


def _mapping(value: dict, rng: random.Random, ingredients: Ingredients, depth: int) -> dict:
    if not value:
        return value
    keys = list(value)
    key = rng.choice(keys)
    changed = dict(value)
    choice = rng.randrange(3)
    if choice == 0:
        del changed[key]
    elif choice == 1:
        changed[key] = mutate(value[key], rng, ingredients, depth + 1)
    elif len(changed) < MAX_ITEMS:
        new_key = mutate(key, rng, ingredients, depth + 1)
        changed.setdefault(new_key, value[key])
    return changed
