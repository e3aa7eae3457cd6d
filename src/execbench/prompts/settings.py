"""What a user changes in the prompts sent: a system message, the template, solved examples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from execbench.core import Task
from execbench.prompts.templates import PromptTemplate


@dataclass(frozen=True)
class PromptSettings:
    """`system`: a system message before the task's (chat only); `template`: the task's message
    or text (None: the style's default); `few_shot`: how many of the benchmark's solved
    problems are shown first (as user/assistant turns, or as text)."""

    system: str | None = None
    template: PromptTemplate | None = None
    few_shot: int = 0
    # The benchmark's first `few_shot` (tasks/few_shot.py fills them in before prompts are built).
    examples: tuple[Task, ...] = ()

    def identity(self) -> Mapping[str, Any]:
        """What differs from the defaults, as plain data ({} for the defaults: runs made before
        these settings existed keep their identity)."""
        identity: dict[str, Any] = {}
        if self.system is not None:
            identity["system"] = self.system
        if self.template is not None:
            identity["template_sha256"] = self.template.sha256
        if self.few_shot:
            identity["few_shot"] = [example.task_id for example in self.examples]
        return identity
