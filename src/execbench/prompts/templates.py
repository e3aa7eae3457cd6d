"""Prompt templates: jinja over a task's fields (`--prompt-template FILE`).

The defaults (templates/chat.j2, templates/base.j2) make execbench's own prompts; `execbench
prompts export` writes them out as a starting point. A template names fields strictly: a field
that does not exist is an error naming the template and the task, never an empty string.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, StrictUndefined, Template, TemplateError, TemplateSyntaxError

from execbench.core import Task, UserError
from execbench.languages import find_language

_ENVIRONMENT = Environment(undefined=StrictUndefined, autoescape=False)
_ENVIRONMENT.filters["rstrip"] = str.rstrip

# What a template may use, with what it holds (docs/prompts.md lists the same).
FIELDS = {
    "task_id": "the task's id, e.g. HumanEval/0",
    "benchmark": "the benchmark's name",
    "language": "the language's name as in code fences, e.g. python, cpp",
    "language_name": "its display name, e.g. Python, C++",
    "prompt": "the benchmark's prompt: what a base model continues",
    "entry_point": "the function to write (empty for whole programs)",
    "instruction": "the benchmark's own chat instruction (empty where it has none)",
    "chat": "the benchmark's own whole chat message (empty where it has none)",
    "metadata": "every other field the benchmark's adapter keeps, as a mapping",
}


def language_name(language: str) -> str:
    spec = find_language(language)
    return spec.display_name if spec else language.capitalize()


def task_fields(task: Task) -> dict[str, Any]:
    return {
        "task_id": task.task_id,
        "benchmark": task.benchmark,
        "language": task.language,
        "language_name": language_name(task.language),
        "prompt": task.prompt,
        "entry_point": task.entry_point or "",
        "instruction": str(task.metadata.get("instruction") or ""),
        "chat": str(task.metadata.get("chat") or ""),
        "metadata": dict(task.metadata),
    }


def default_source(style: str) -> str:
    """The text of the default template for `style` (chat or base)."""
    return resources.files("execbench.prompts").joinpath(f"templates/{style}.j2").read_text()


@dataclass(frozen=True)
class PromptTemplate:
    """A template's text and where it came from (a file, or the default), compiled once."""

    source: str
    name: str
    _compiled: Template = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            compiled = _ENVIRONMENT.from_string(self.source)
        except TemplateSyntaxError as exc:
            raise UserError(
                f"{self.name}:{exc.lineno}: template syntax error: {exc.message}"
            ) from exc
        object.__setattr__(self, "_compiled", compiled)

    @classmethod
    def default(cls, style: str) -> PromptTemplate:
        return cls(default_source(style), f"the default {style} template")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source.encode()).hexdigest()

    def render(self, task: Task) -> str:
        try:
            return self._compiled.render(task_fields(task))
        except TemplateError as exc:
            fields = ", ".join(FIELDS)
            raise UserError(
                f"{self.name}: {exc.message} for task {task.task_id!r} (fields: {fields})"
            ) from exc
