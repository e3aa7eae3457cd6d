"""How a Task becomes a prompt for base and chat models."""

from execbench.prompts.build import (
    ChatMessage,
    Prompt,
    PromptStyle,
    build_prompt,
    truncate_at_stop,
)
from execbench.prompts.settings import PromptSettings
from execbench.prompts.templates import PromptTemplate, language_name

__all__ = [
    "ChatMessage",
    "Prompt",
    "PromptSettings",
    "PromptStyle",
    "PromptTemplate",
    "build_prompt",
    "language_name",
    "truncate_at_stop",
]
