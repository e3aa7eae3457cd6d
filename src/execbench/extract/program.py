"""Sample text -> the program to run, by the sample's format and the task's language.

- `solution`: the text is the whole program, as given.
- `completion`: the text continues the task's prompt; a base model (or a server with `echo`) that
  repeats the prompt first gets the repetition removed, and the rest ends where the task says
  (`Task.trim_completion`).
- `response`: a chat reply; the code is found (fences, prose) and pruned to the entry point, by
  the language's extractor (Python: `ast`; others: tree-sitter when its grammar is installed),
  or the one a task names in `metadata["extractor"]` (BigCodeBench's sanitizer). A reply with no
  code in it gives an empty program, which the judge reports as such.
"""

from __future__ import annotations

from collections.abc import Callable

from execbench.core import Program, Sample, SampleFormat, Task
from execbench.core.registry import Registry
from execbench.extract import treesitter
from execbench.extract.bigcodebench_sanitize import sanitize
from execbench.extract.fences import blocks_for
from execbench.extract.python import extract_python

ResponseExtractor = Callable[[str, Task], str]
# By language name; a language without one of its own gets `extract_with_grammar`.
EXTRACTORS: Registry[str, ResponseExtractor] = Registry("extractor", "execbench.extractors")


def register_extractor(language: str) -> Callable[[ResponseExtractor], ResponseExtractor]:
    """Decorator: `extractor` finds the code in chat replies for tasks in `language`."""
    return EXTRACTORS.register(language)


@register_extractor("python")
def _python(text: str, task: Task) -> str:
    return extract_python(text, task.entry_point, task.completion_prefix)


@register_extractor("bigcodebench")
def _bigcodebench(text: str, task: Task) -> str:
    return sanitize(text, task.entry_point or "task_func")


def _defines(language: str, code: str, name: str) -> bool:
    known = treesitter.has_definition(language, code, name)
    return name in code if known is None else known


def extract_with_grammar(text: str, task: Task) -> str:
    """Any language: the last fenced block defining the entry point (else the longest), pruned."""
    blocks = [block.code for block in blocks_for(text, task.language)]
    if not blocks:
        if _no_code(text, task):
            return ""  # the judge says so, rather than compile the prose
        code = text
    elif task.entry_point and (
        defining := [b for b in blocks if _defines(task.language, b, task.entry_point)]
    ):
        code = defining[-1]
    else:
        code = max(blocks, key=len)
    if not task.entry_point:
        return code
    if task.completion_prefix and not _defines(task.language, code, task.entry_point):
        # A body only, continuing the prompt's signature.
        return task.completion_prefix + code
    return treesitter.prune(task.language, code, task.entry_point)


def _no_code(text: str, task: Task) -> bool:
    """Whether unfenced `text` holds no code: blank, or (where the grammar can tell) parsing
    neither alone nor after the prompt's code, and defining nothing the task asks for."""
    if not text.strip():
        return True
    language = task.language
    if treesitter.parses(language, text) is not False:
        return False
    if task.completion_prefix and treesitter.parses(language, task.completion_prefix + text):
        return False
    return not (task.entry_point and treesitter.has_definition(language, text, task.entry_point))


def strip_repeated_prompt(text: str, prompt: str) -> str | None:
    """The text after a repetition of `prompt`, or None when it does not start with the prompt."""
    if prompt and text.startswith(prompt):
        return text[len(prompt) :]
    stripped = prompt.strip()
    if stripped and text.lstrip().startswith(stripped):
        return text.lstrip()[len(stripped) :]
    return None


def extract_program(task: Task, sample: Sample) -> Program:
    """The program a sample stands for."""
    text = sample.text
    if sample.format is SampleFormat.SOLUTION:
        source = text
    elif sample.format is SampleFormat.COMPLETION:
        rest = strip_repeated_prompt(text, task.completion_prefix)
        rest = text if rest is None else rest
        if task.trim_completion is not None:
            rest = task.trim_completion(rest)
        source = task.completion_prefix + rest
    else:
        # A benchmark may name its own extractor (BigCodeBench's sanitizer), else the language's.
        key = task.metadata.get("extractor", task.language)
        extractor = EXTRACTORS.find(key) or extract_with_grammar
        source = extractor(text, task)
    return Program(task.language, source)
