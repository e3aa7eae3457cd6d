"""HumanEvalPack (OctoPack, Muennighoff et al. 2023): HumanEval's 164 problems in Python,
JavaScript, Java, Go, C++ and Rust, as three instruction tasks, scored by execution as OctoPack's
harness scores them (bigcode-evaluation-harness, tasks/humanevalpack.py):

- `humanevalsynthesize`: write the function from its instruction.
- `humanevalfix`: a function with one injected bug, and its tests; write the fixed function
  (OctoPack's HumanEvalFixTests). `humanevalfix-docs`: the bug with the docstring instead of
  the tests (HumanEvalFixDocs).
- `humanevalexplain`: two steps. The model describes the correct function (within the docstring's
  length); a fresh prompt then asks it to write the function from its own description alone.
  `run` asks for both (the description is kept in the run store); `evaluate` judges a samples
  file holding the final code.

Task ids are HumanEvalPack's (`Python/0`, `JavaScript/12`, `CPP/3`, `Rust/163`). The program is
the model's code assembled as OctoPack assembles it (programs.py), then the task's test.
`validate` runs the canonical solutions (the code the model starts from, then the canonical
solution) through the whole path.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from execbench.core import ScriptTests, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.codegeex import LANGUAGE_CODES, chosen_language, rand_08
from execbench.tasks.humanevalpack import programs, prompts
from execbench.tasks.jsonl import read_jsonl
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

_REPO = (
    "https://raw.githubusercontent.com/bigcode-project/octopack/"
    "526627ac7b6b6ec1a2b19a20822fbcf16be35162/evaluation/create/humaneval-x/data"
)
_DIGESTS = {
    "cpp": "891a390c1b9d2cb85dd8fbebcf1d88dbdd565734a6b2b3259f9ddb3fe95e33d7",
    "go": "0ee2cdca46d70afb33d913a0d4b205624fe4ded2f28c2efdb241727221837993",
    "java": "a8d077d300bbdc2eda91e1a733deb2944678bce8fcc7eb272214626516768cc1",
    "js": "04c86c1fac5f33818d9187cba278ed1dfc66cc259372dd8342126aa580fb7569",
    "python": "b1376d72be4bd016a62ad043d9de3846edb8d63edf1222da802a31330c14c3a7",
    "rust": "01ece28eaf490d7af037ce53095083dacfd38022cf5b82662ccb78024dc269a1",
}
# Canonical solutions that fail where the model starts from the documented prompt (Synthesize,
# Fix-docs), and where it starts from the bare declaration (Fix, Explain); measured with
# bench/humanevalpack_premise.py, the same in OctoPack's harness (docs/benchmark-notes.md).
FROM_PROMPT_BROKEN: Mapping[str, str] = {
    "Go/27": 'the prompt imports "strings", which the canonical solution does not use, and Go '
    "refuses a program with an unused import (OctoPack's harness keeps the prompt's imports too)",
}
_GO_HELPER = (
    "HumanEvalPack's Go declaration lacks the helper function {} that the prompt defines and the "
    "solution calls (the other languages' declarations have it), so even the canonical solution "
    "does not compile from it; OctoPack's harness has the same ceiling"
)
FROM_DECLARATION_BROKEN: Mapping[str, str] = {
    "Go/10": _GO_HELPER.format("IsPalindrome"),
    "Go/32": _GO_HELPER.format("Poly"),
    "Go/38": _GO_HELPER.format("EncodeCyclic"),
    "Go/50": _GO_HELPER.format("EncodeShift"),
    "CPP/38": "HumanEvalPack's C++ declaration of decode_cyclic already holds the first lines of "
    "its body, which the canonical solution repeats: together they do not compile (the documented "
    "prompt ends at the signature)",
}
FIELDS = (
    "task_id", "prompt", "declaration", "canonical_solution", "buggy_solution", "test",
    "entry_point", "docstring", "instruction",
)  # fmt: skip


def data_file(code: str) -> DataFile:
    return DataFile(
        relpath=f"humanevalpack/humanevalpack-{code}.jsonl",
        sha256=frozenset({_DIGESTS[code]}),
        url=f"{_REPO}/{code}/data/humanevalpack.jsonl",
        license="MIT",
    )


def records(language: str, options: LoadOptions) -> list[dict[str, Any]]:
    path = resolve(data_file(LANGUAGE_CODES[language]), options)
    found = []
    for line, record in read_jsonl(path):
        missing = [name for name in FIELDS if not isinstance(record.get(name), str)]
        if language == "go":
            missing += [name for name in ("test_setup",) if not isinstance(record.get(name), str)]
        if missing:
            raise UserError(f"{path}:{line}: missing text field {missing[0]!r}")
        found.append(record)
    return found


def script_tests(record: dict[str, Any], language: str) -> ScriptTests:
    test = "\n" + record["test"]
    if language == "java":
        return ScriptTests(test, main="Main")
    if language == "javascript":
        return ScriptTests(test, quiet=True)
    if language == "rust":
        return ScriptTests(rand_08(test), build_flags=("--edition", "2021"))
    return ScriptTests(test)


def assembler(record: dict[str, Any], language: str) -> Callable[[str], str] | None:
    if language == "go":
        return functools.partial(programs.go_program, record["test_setup"], "\n" + record["test"])
    if language == "rust":
        return functools.partial(programs.rust_program, record["declaration"])
    simple = {
        "python": programs.python_program,
        "cpp": programs.cpp_program,
        "java": programs.java_program,
    }
    return simple.get(language)


def pack_task(
    record: dict[str, Any], language: str, benchmark: str, asked: prompts.Prompts
) -> Task:
    return Task(
        task_id=record["task_id"],
        benchmark=benchmark,
        prompt=asked.base,
        tests=script_tests(record, language),
        # The canonical solution continues the code the task starts the model from.
        reference=asked.prefix + record["canonical_solution"],
        language=language,
        entry_point=record["entry_point"],
        completion_prefix=asked.prefix,
        metadata={
            "chat": asked.chat,
            "stop": programs.stop_words(language),
            "bug_type": record.get("bug_type"),
            "failure_symptoms": record.get("failure_symptoms"),
        },
        assemble=assembler(record, language),
        trim_completion=functools.partial(programs.completion_end, language),
    )


def explained(task: Task, description: str) -> Task:
    """HumanEvalExplain's second task: the function from the model's own description."""
    meta = task.metadata
    cleaned = prompts.cleaned_description(
        description, meta["docstring_length"], programs.stop_words(task.language), meta["solution"]
    )
    asked = prompts.from_description(cleaned, meta["declaration"], task.language)
    metadata = {**meta, "chat": asked.chat, "description": cleaned}
    return replace(
        task, prompt=asked.base, completion_prefix=asked.prefix, metadata=metadata, follow_up=None
    )


class _HumanEvalPack(Benchmark):
    languages = tuple(LANGUAGE_CODES)
    data_version = "octopack@526627a"

    @staticmethod
    def prompts_for(record: dict[str, Any], language: str) -> prompts.Prompts:
        raise NotImplementedError  # each scenario's own

    def load(self, options: LoadOptions) -> list[Task]:
        language = chosen_language(self.name, options)
        return [
            self.task(record, language, type(self).prompts_for(record, language))
            for record in records(language, options)
        ]

    def task(self, record: dict[str, Any], language: str, asked: prompts.Prompts) -> Task:
        return pack_task(record, language, self.name, asked)


@register_benchmark
class HumanEvalSynthesize(_HumanEvalPack):
    name = "humanevalsynthesize"
    description = "HumanEvalSynthesize (OctoPack): write the function from its instruction, 6 langs"
    prompts_for = staticmethod(prompts.synthesize)
    known_broken = FROM_PROMPT_BROKEN


@register_benchmark
class HumanEvalFix(_HumanEvalPack):
    name = "humanevalfix"
    description = "HumanEvalFix (OctoPack): fix the one bug in a function, given its tests; 6 langs"
    prompts_for = staticmethod(functools.partial(prompts.fix, with_docs=False))
    known_broken = FROM_DECLARATION_BROKEN


@register_benchmark
class HumanEvalFixDocs(_HumanEvalPack):
    name = "humanevalfix-docs"
    description = "HumanEvalFix, the docstring given instead of the tests (HumanEvalFixDocs)"
    prompts_for = staticmethod(functools.partial(prompts.fix, with_docs=True))
    known_broken = FROM_PROMPT_BROKEN


@register_benchmark
class HumanEvalExplain(_HumanEvalPack):
    name = "humanevalexplain"
    description = "HumanEvalExplain (OctoPack): describe a function, then write it from that alone"
    prompts_for = staticmethod(prompts.describe)
    known_broken = FROM_DECLARATION_BROKEN

    def task(self, record: dict[str, Any], language: str, asked: prompts.Prompts) -> Task:
        task = pack_task(record, language, self.name, asked)
        declaration = prompts.prompt_base(record, language, with_docs=False)
        metadata = {
            **task.metadata,
            "docstring_length": len(record["docstring"]),
            "solution": record["canonical_solution"],
            "declaration": declaration,
        }
        return replace(task, metadata=metadata, follow_up=explained)
