"""How a Task becomes a prompt for base and chat models."""

from execbench.prompts.build import (
    ChatMessage,
    Prompt,
    PromptStyle,
    build_prompt,
    language_name,
    truncate_at_stop,
)

__all__ = [
    "ChatMessage",
    "Prompt",
    "PromptStyle",
    "build_prompt",
    "language_name",
    "truncate_at_stop",
]
