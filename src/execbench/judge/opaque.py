"""A stand-in, on the trusted side, for a result that could not cross the sandbox as data."""

from __future__ import annotations


class Opaque:
    """A result that could not cross the sandbox as plain data; only its type's name is known.

    It equals nothing (not even another Opaque), so only a benchmark's own oracle can accept it.
    """

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"
