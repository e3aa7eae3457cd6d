"""Showing values that came from the sandbox, at a cost bounded whatever they hold.

What a sandboxed program returns, raises or prints is untrusted, and the trusted side shows it in
verdict details. A plain `repr` of a returned `[1 << 3_200_000]` converts a million-digit integer
to decimal (time quadratic in its length: tens of seconds, in one C call no alarm interrupts), and
the repr of a long list is as long as the list. `shown` never converts a long integer (it gives
its size), never looks at more than a few items of a container, a few levels deep, nor at more than
the start of a string (and the end of one inside a container); the result is at most `width`
characters.
"""

from __future__ import annotations

import heapq
import itertools
import math
import reprlib
from typing import Any

# Integers up to this many bits are converted (at most ~1,200 digits: microseconds).
_CONVERTED_BITS = 4096
_DIGITS_PER_BIT = math.log10(2)
_SORTED_UP_TO = 4096  # items of a set or dict


class _Bounded(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxtuple = self.maxlist = self.maxset = self.maxfrozenset = 8
        self.maxdict = 6
        self.maxstring = 80
        self.maxlong = 120
        self.maxother = 80

    def repr_int(self, value: int, level: int) -> str:
        if value.bit_length() > _CONVERTED_BITS:
            digits = int(value.bit_length() * _DIGITS_PER_BIT) + 1
            return f"<int of about {digits} digits>"
        return super().repr_int(value, level)

    # Sets and dicts show their least items (keys), in order: the same text whatever order they
    # were built in, without sorting all of a large one.
    def repr_set(self, value: set, level: int) -> str:
        return self._least_of(value, level, "{", "}", self.maxset) if value else "set()"

    def repr_frozenset(self, value: frozenset, level: int) -> str:
        if not value:
            return "frozenset()"
        return self._least_of(value, level, "frozenset({", "})", self.maxfrozenset)

    def repr_dict(self, value: dict, level: int) -> str:
        if not value:
            return "{}"
        if level <= 0:
            return "{" + self.fillvalue + "}"
        pieces = [
            f"{self.repr1(key, level - 1)}: {self.repr1(value[key], level - 1)}"
            for key in _least(value, self.maxdict)
        ]
        if len(value) > self.maxdict:
            pieces.append(self.fillvalue)
        return "{" + ", ".join(pieces) + "}"

    def _least_of(self, items: Any, level: int, left: str, right: str, most: int) -> str:
        if level <= 0:
            return left + self.fillvalue + right
        pieces = [self.repr1(item, level - 1) for item in _least(items, most)]
        if len(items) > most:
            pieces.append(self.fillvalue)
        return left + ", ".join(pieces) + right

    def repr_bytes(self, value: bytes, level: int) -> str:
        if len(value) <= self.maxstring:
            return repr(value)
        half = self.maxstring // 2
        return f"{repr(value[:half])[:-1]}{self.fillvalue}{repr(value[-half:])[2:]}"


def _least(items: Any, count: int) -> list:
    """The `count` least of `items` in order; the first ones where they do not compare, or are too
    many to compare at little cost (their order is the same in every run all the same: hashing is
    seeded alike everywhere)."""
    if len(items) <= _SORTED_UP_TO:
        try:
            return heapq.nsmallest(count, items)
        except TypeError:
            pass
    return list(itertools.islice(items, count))


_BOUNDED = _Bounded()


def shown(value: Any, width: int = 200) -> str:
    """A short, bounded repr of `value` for a verdict's detail: a string's start (up to `width`),
    a container's first items, each shortened."""
    if type(value) in (str, bytes):
        return clipped(repr(value[:width]), width)
    try:
        text = _BOUNDED.repr(value)
    except (RecursionError, ValueError, TypeError):
        text = f"<{type(value).__name__}>"
    return clipped(text, width)


def clipped(text: str, width: int = 200) -> str:
    """`text` cut to `width` characters, marked where it was cut."""
    return text if len(text) <= width else text[: width - 3] + "..."


def exception_message(exc: BaseException, width: int = 300) -> str:
    """`str(exc)`, bounded: trusted test code raises with what the candidate returned
    (`assert result == expected, result`)."""
    if all(type(arg) is str for arg in exc.args):
        try:
            return clipped(str(exc), width)
        except Exception:  # a __str__ of trusted code's own that fails: its arguments say enough
            pass
    return shown(exc.args[0] if len(exc.args) == 1 else exc.args, width)
