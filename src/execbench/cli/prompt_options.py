"""`run`'s prompt options: --system-prompt, --prompt-template, --few-shot, --chat/--completion."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.core import UserError
from execbench.prompts import PromptSettings, PromptTemplate

SystemPrompt = Annotated[
    str | None,
    typer.Option(
        "--system-prompt",
        help="A system message before each task's (chat prompts); @FILE reads it from FILE.",
    ),
]
PromptTemplateFile = Annotated[
    Path | None,
    typer.Option(
        "--prompt-template",
        help="A jinja template over the task's fields for what is sent (`execbench prompts "
        "export` writes the defaults; docs/prompts.md).",
    ),
]
FewShot = Annotated[
    int,
    typer.Option(
        "--few-shot",
        help="Show K solved examples first, where the benchmark sets some aside (mbpp: 10).",
    ),
]
ChatMode = Annotated[
    bool | None,
    typer.Option(
        "--chat/--completion",
        help="Send chat messages, or a base model's text to continue (default: the backend's; "
        "openai: chat, vllm and hf: completion).",
    ),
]


def prompt_settings(system: str | None, template: Path | None, few_shot: int) -> PromptSettings:
    if few_shot < 0:
        raise UserError(f"--few-shot {few_shot}: expected 0 or more")
    if system is not None and system.startswith("@"):
        system = _read(Path(system[1:]), "--system-prompt")
    source = (
        None
        if template is None
        else PromptTemplate(_read(template, "--prompt-template"), str(template))
    )
    return PromptSettings(system=system, template=source, few_shot=few_shot)


def api_choice(chat: bool | None, api: str | None) -> str | None:
    """The backend's mode: --chat/--completion, or the older --api (they must agree)."""
    if chat is None:
        return api
    chosen = "chat" if chat else "completions"
    if api is not None and api != chosen:
        raise UserError(f"--api {api} and --{'chat' if chat else 'completion'}: choose one")
    return chosen


def _read(path: Path, option: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UserError(f"{option} {path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{option} {path}: cannot be read ({exc})") from exc
