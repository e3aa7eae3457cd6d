"""How a Task becomes what a model is sent: text to continue (base) or messages (chat).

Benchmark quirks stay in the adapters: a task may carry its own chat instruction in
`metadata["instruction"]` (put before the prompt), or its whole chat message in
`metadata["chat"]` (a benchmark's own template, sent as it is), and its own base-model stop
sequences in `metadata["stop"]`; the defaults (display name, stop sequences) come from the
language spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from execbench.core import SampleFormat, Task
from execbench.languages import find_language


class PromptStyle(StrEnum):
    BASE = "base"
    CHAT = "chat"


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str


@dataclass(frozen=True)
class Prompt:
    """What one request sends: `text` for a base model, `messages` for a chat model."""

    style: PromptStyle
    text: str = ""
    messages: tuple[ChatMessage, ...] = ()
    stop: tuple[str, ...] = ()

    @property
    def sample_format(self) -> SampleFormat:
        """Base output continues the prompt; chat output is a reply the code must be taken from."""
        return SampleFormat.COMPLETION if self.style is PromptStyle.BASE else SampleFormat.RESPONSE

    def identity(self) -> Mapping[str, Any]:
        """Everything that makes two prompts different, as plain data (for cache keys)."""
        return {
            "style": str(self.style),
            "text": self.text,
            "messages": [[m.role, m.content] for m in self.messages],
            "stop": list(self.stop),
        }


# A language no spec describes still gets a fence as the end of a base model's completion.
_FALLBACK_STOPS = ("\n```",)


def language_name(language: str) -> str:
    spec = find_language(language)
    return spec.display_name if spec else language.capitalize()


def default_instruction(task: Task) -> str:
    lang = language_name(task.language)
    if task.entry_point:
        return (
            f"Complete the following {lang} code. Reply with the complete `{task.entry_point}`, "
            f"including any imports and helpers it needs, in a single ```{task.language} "
            "code block."
        )
    return (
        f"Solve the following problem in {lang}. The program reads standard input and writes "
        f"standard output. Reply with the complete program in a single ```{task.language} "
        "code block."
    )


def chat_content(task: Task) -> str:
    if task.metadata.get("chat"):  # the benchmark's own whole message (BigCodeBench's)
        return str(task.metadata["chat"])
    instruction = task.metadata.get("instruction") or default_instruction(task)
    body = f"```{task.language}\n{task.prompt.rstrip()}\n```" if task.entry_point else task.prompt
    return f"{instruction}\n\n{body}"


def base_stops(task: Task) -> tuple[str, ...]:
    stop = task.metadata.get("stop")
    if stop is not None:
        return tuple(stop)
    spec = find_language(task.language)
    return spec.base_stops if spec else _FALLBACK_STOPS


def build_prompt(task: Task, style: PromptStyle, extra_stop: tuple[str, ...] = ()) -> Prompt:
    """The prompt for `task`; `extra_stop` (the user's --stop) comes on top of the defaults."""
    if style is PromptStyle.BASE:
        stops = tuple(dict.fromkeys(base_stops(task) + extra_stop))
        return Prompt(style, text=task.prompt, stop=stops)
    message = ChatMessage("user", chat_content(task))
    return Prompt(style, messages=(message,), stop=extra_stop)


def truncate_at_stop(text: str, stop: tuple[str, ...]) -> str:
    """The text up to the earliest stop sequence (servers honour only a few, some none)."""
    cut = min((i for s in stop if s and (i := text.find(s)) != -1), default=len(text))
    return text[:cut]
