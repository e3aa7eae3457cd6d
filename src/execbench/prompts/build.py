"""How a Task becomes what a model is sent: text to continue (base) or messages (chat).

The text comes from a jinja template over the task's fields (prompts/templates.py; the
defaults are templates/chat.j2 and base.j2). Benchmark quirks stay in the adapters: a task may
carry its own chat instruction in `metadata["instruction"]` (put before the prompt), or its
whole chat message in `metadata["chat"]` (a benchmark's own template, sent as it is), and its own
base-model stop sequences in `metadata["stop"]`; the defaults (display name, stop sequences)
come from the language spec. A user's settings (prompts/settings.py) add a system message,
replace the template, or put solved examples first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from execbench.core import SampleFormat, Task, UserError
from execbench.languages import find_language
from execbench.prompts.settings import PromptSettings
from execbench.prompts.templates import PromptTemplate


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


def base_stops(task: Task) -> tuple[str, ...]:
    stop = task.metadata.get("stop")
    if stop is not None:
        return tuple(stop)
    spec = find_language(task.language)
    return spec.base_stops if spec else _FALLBACK_STOPS


def build_prompt(
    task: Task,
    style: PromptStyle,
    extra_stop: tuple[str, ...] = (),
    settings: PromptSettings | None = None,
) -> Prompt:
    """The prompt for `task`; `extra_stop` (the user's --stop) comes on top of the defaults, and
    `settings` (--system-prompt, --prompt-template, --few-shot) change what is sent."""
    settings = settings or PromptSettings()
    if len(settings.examples) != settings.few_shot:
        raise ValueError("--few-shot's examples are chosen first (tasks/few_shot.py)")
    template = settings.template or PromptTemplate.default(str(style))
    if style is PromptStyle.BASE:
        if settings.system is not None:
            raise UserError(
                "--system-prompt is for chat prompts (--chat); a completion prompt has no "
                "system part: put the text in a --prompt-template"
            )
        shots = "".join(
            _with_solution(template.render(example), example) for example in settings.examples
        )
        stops = tuple(dict.fromkeys(base_stops(task) + extra_stop))
        return Prompt(style, text=shots + template.render(task), stop=stops)
    messages = [ChatMessage("system", settings.system)] if settings.system is not None else []
    for example in settings.examples:
        answer = f"```{example.language}\n{example.reference.strip()}\n```"
        messages += [
            ChatMessage("user", template.render(example)),
            ChatMessage("assistant", answer),
        ]
    messages.append(ChatMessage("user", template.render(task)))
    return Prompt(style, messages=tuple(messages), stop=extra_stop)


def _with_solution(prompt: str, example: Task) -> str:
    """A solved example for a base model: its prompt, then the rest of its reference solution."""
    reference = example.reference
    solution = reference[len(prompt) :] if reference.startswith(prompt) else reference
    return f"{prompt}{solution.rstrip()}\n\n\n"


def truncate_at_stop(text: str, stop: tuple[str, ...]) -> str:
    """The text up to the earliest stop sequence (servers honour only a few, some none)."""
    cut = min((i for s in stop if s and (i := text.find(s)) != -1), default=len(text))
    return text[:cut]
