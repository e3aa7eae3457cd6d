"""From a sample's text to the program that runs."""

from __future__ import annotations

from execbench.core import Program, Sample, SampleFormat, Task


def extract_program(task: Task, sample: Sample) -> Program:
    """A completion continues the task's prompt; a solution is already a whole program."""
    if sample.format is SampleFormat.COMPLETION:
        return Program(task.language, task.completion_prefix + sample.text)
    return Program(task.language, sample.text)
