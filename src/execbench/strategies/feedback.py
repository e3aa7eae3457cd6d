"""How the outcome of running a program on cases is told to the model."""

from __future__ import annotations

from collections.abc import Sequence

from execbench.prompts import ChatMessage, Prompt, PromptStyle, language_name
from execbench.strategies.trajectory import CaseOutcome

# Cases shown per message, and characters per shown text: a long failure list or a huge input
# would crowd out the program itself.
_MOST_CASES = 10
_TEXT_CHARS = 1500


def _clip(text: str) -> str:
    return text if len(text) <= _TEXT_CHARS else text[: _TEXT_CHARS - 3] + "..."


def describe_case(outcome: CaseOutcome) -> str:
    """One case as the model sees it: an assert with what the call gave, or a stdio example."""
    if outcome.expected is None:
        shown = f"{_clip(outcome.case)} # output: {_clip(outcome.output)}"
        return shown if not outcome.passed else _clip(outcome.case)
    lines = [f"Input:\n{_clip(outcome.case)}", f"Expected output:\n{_clip(outcome.expected)}"]
    if not outcome.passed:
        lines.append(f"Your program: {_clip(outcome.output)}")
    return "\n".join(lines)


def test_report(outcomes: Sequence[CaseOutcome]) -> str:
    """Passed and failed cases, listed apart (Reflexion's unit test feedback)."""
    passed = [describe_case(o) for o in outcomes if o.passed][:_MOST_CASES]
    failed = [describe_case(o) for o in outcomes if not o.passed][:_MOST_CASES]
    return "Tests passed:\n" + "\n".join(passed) + "\n\nTests failed:\n" + "\n".join(failed)


def first_failure(outcomes: Sequence[CaseOutcome]) -> str:
    return next(describe_case(o) for o in outcomes if not o.passed)


def reply_with_program(language: str) -> str:
    """The closing request of a repair turn."""
    return (
        f"Reply with the complete corrected {language_name(language)} program in a single "
        f"```{language} code block."
    )


def chat(*turns: tuple[str, str], stop: tuple[str, ...] = ()) -> Prompt:
    """A chat prompt of (role, content) turns."""
    return Prompt(PromptStyle.CHAT, messages=tuple(ChatMessage(*turn) for turn in turns), stop=stop)


def fenced(program: str, language: str) -> str:
    return f"```{language}\n{program.rstrip()}\n```"
