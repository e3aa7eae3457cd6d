"""What a strategy did for one task: its model calls, its attempts and what they did on the
cases it could run, and the answers it settled on. Stored in the run store as JSON (versioned),
so a finished task is never redone, and shown by `execbench show`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from execbench.core import SampleFormat

TRAJECTORY_SCHEMA_VERSION = 1


class CallRecord(BaseModel):
    """One request to the model: what it was for and what it cost (all its choices together)."""

    model_config = ConfigDict(frozen=True)

    purpose: str = Field(description="e.g. program, tests, repair, reflection")
    choices: int = 1
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float | None = None


class CaseOutcome(BaseModel):
    """One case run on a program: a visible example, or a model-written test."""

    model_config = ConfigDict(frozen=True)

    case: str = Field(description="the assert statement, or the stdin of a stdio example")
    passed: bool
    output: str = Field("", description="what the call returned or raised, or why it failed")
    expected: str | None = Field(None, description="a stdio example's expected output")


class Attempt(BaseModel):
    """One program the strategy produced, and how it fared on the cases it could run."""

    model_config = ConfigDict(frozen=True)

    round: int = Field(0, description="0 for a first attempt, r for the r-th repair round")
    program: str
    examples: list[CaseOutcome] = Field(
        default_factory=list, description="its outcome on each visible example"
    )
    passed_tests: list[int] | None = Field(
        None, description="indices into the trajectory's model-written tests it passed"
    )
    note: str = ""

    @property
    def passed_examples(self) -> bool | None:
        """Whether it passed every visible example; None when there were none to run."""
        return all(case.passed for case in self.examples) if self.examples else None


class ModelTest(BaseModel):
    model_config = ConfigDict(frozen=True)

    case: str
    count: int = Field(1, description="how many test generations wrote it (CodeT weighs by it)")


class RankGroup(BaseModel):
    """Samples that passed the same model-written tests, with CodeT's score for the group."""

    model_config = ConfigDict(frozen=True)

    score: float
    sample_indices: list[int]


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    format: SampleFormat


class Trajectory(BaseModel):
    model_config = ConfigDict(frozen=True)

    schema_version: int = TRAJECTORY_SCHEMA_VERSION
    task_id: str
    chain: int = Field(0, description="which of the task's independent runs (-n) this is")
    strategy: str
    rounds_used: int = 0
    calls: list[CallRecord] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)
    tests: list[ModelTest] = Field(default_factory=list)
    answers: list[Answer] = Field(
        default_factory=list, description="the final answers, judged by the hidden tests"
    )
    ranking: list[RankGroup] | None = Field(
        None, description="CodeT: the answers' groups, best first"
    )
    notes: list[str] = Field(default_factory=list)

    @property
    def prompt_tokens(self) -> int:
        return sum(call.prompt_tokens for call in self.calls)

    @property
    def completion_tokens(self) -> int:
        return sum(call.completion_tokens for call in self.calls)

    @property
    def cost_usd(self) -> float | None:
        costs = [call.cost_usd for call in self.calls if call.cost_usd is not None]
        return sum(costs) if costs else None
