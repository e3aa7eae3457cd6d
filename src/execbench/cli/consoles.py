"""The two consoles every command prints to (kept apart from the heavy modules, so a command
that only reads stored runs starts fast)."""

from __future__ import annotations

from rich.console import Console

stderr = Console(stderr=True)
stdout = Console()
