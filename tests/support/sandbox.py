"""The test session's default sandbox, for helpers that judge outside a fixture."""

from __future__ import annotations

from functools import cache

from execbench.sandbox import Sandbox, make_sandbox


@cache
def session_sandbox() -> Sandbox:
    """Started once per session: a fork server of its own per verdict costs several times more
    than the verdict itself. Every sample still starts from a fresh state within it."""
    return make_sandbox()
