"""The public part of a task: all a strategy is ever handed.

A strategy may run code, so anything it holds could steer a program toward the tests that will
judge it. It gets the prompt, the chat instruction and the visible examples the benchmark's
adapter declared (`Task.examples`); the tests, the reference solution and every other metadata
field stay behind. The hidden tests judge the final answers only, after the strategy is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from execbench.core import (
    Assemble,
    AssertTests,
    Program,
    Sample,
    SampleFormat,
    StdioTests,
    Task,
)
from execbench.extract import extract_program

# Metadata that shapes a prompt; an adapter whose instruction shows hidden tests sets
# `Task.examples.instruction` instead, which replaces it here.
_PROMPT_METADATA = ("instruction", "chat", "stop")


@dataclass(frozen=True)
class PublicTask:
    """A task as a strategy sees it.

    `asserts` are Python assert statements (run after the program and `assert_setup`);
    `stdio` holds the sample inputs and outputs with the task's own rules for comparing output.
    """

    task_id: str
    language: str
    prompt: str
    entry_point: str | None
    completion_prefix: str
    prompt_metadata: tuple[tuple[str, object], ...]
    asserts: tuple[str, ...] = ()
    assert_setup: str = ""
    stdio: StdioTests | None = None
    # The benchmark's harness steps (see Task): they hold no test, and programs run as judged.
    assemble: Assemble | None = field(default=None, repr=False)
    trim_completion: Callable[[str], str] | None = field(default=None, repr=False)

    @property
    def has_examples(self) -> bool:
        return bool(self.asserts or (self.stdio and self.stdio.cases))

    def as_task(self) -> Task:
        """A Task holding only the public part, for what takes a Task (prompts, extraction):
        its "tests" are the visible examples."""
        tests: AssertTests | StdioTests = self.stdio or AssertTests(
            code="\n".join(self.asserts),
            entry_points=(self.entry_point,) if self.entry_point else (),
            setup=self.assert_setup,
        )
        return Task(
            task_id=self.task_id,
            benchmark="public",
            prompt=self.prompt,
            tests=tests,
            reference="",
            language=self.language,
            entry_point=self.entry_point,
            completion_prefix=self.completion_prefix,
            metadata=dict(self.prompt_metadata),
            assemble=self.assemble,
            trim_completion=self.trim_completion,
        )

    def program(self, text: str, sample_format: SampleFormat) -> Program:
        """The program a model's text stands for, extracted as the judge will extract it."""
        return extract_program(self.as_task(), Sample(self.task_id, 0, text, sample_format))

    def runnable(self, program: Program) -> Program:
        """`program` as the benchmark's harness runs it (what `assemble` makes of it)."""
        if self.assemble is None:
            return program
        return Program(program.language, self.assemble(program.source))


def public_view(task: Task) -> PublicTask:
    examples = task.examples
    metadata = {key: task.metadata[key] for key in _PROMPT_METADATA if key in task.metadata}
    if examples.instruction is not None:
        metadata["instruction"] = examples.instruction
    stdio = None
    if examples.stdio:
        # The task's rules of comparison (tolerance, checker), with the visible cases only.
        rules = task.tests if isinstance(task.tests, StdioTests) else StdioTests(cases=())
        stdio = replace(rules, cases=examples.stdio)
    return PublicTask(
        task_id=task.task_id,
        language=task.language,
        prompt=task.prompt,
        entry_point=task.entry_point,
        completion_prefix=task.completion_prefix,
        prompt_metadata=tuple(sorted(metadata.items())),
        asserts=examples.asserts,
        assert_setup=examples.setup,
        stdio=stdio,
        assemble=task.assemble,
        trim_completion=task.trim_completion,
    )
