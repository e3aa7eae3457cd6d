"""ReCode (Wang et al., ACL 2023): HumanEval under perturbed prompts, for robustness metrics.

Four families of perturbation, as ReCode's `config.json` lists them (28 types): docstring
(`nlaugmenter`, 10), function name (`func_name`, 6), code syntax (`natgen`, 6) and code format
(`format`, 6). Each perturbed set holds HumanEval's 164 problems; the docstring and function-name
sets are whole prompts, the syntax and format sets partial code (the prompt and the first lines
of the canonical solution, perturbed) that the model continues. Every sample is judged by the
original HumanEval tests on the prompt plus the completion, calling the entry point the
perturbed prompt names (the function-name sets rename it), as ReCode's evaluation runs them.
Nominal baselines: HumanEval for the first two families, its partial-code version for the other
two (ReCode's `report_coarse`). metrics/robustness.py computes Robust Pass@k, Drop@k and
Relative@k from the verdicts.

Task ids say where a task comes from, `<set>/HumanEval/N`, the set being `nominal`,
`nominal_partial` or `<family>/<type>/s<seed>`. ReCode draws s = 10 variants (seeds s0-s9) of each
randomised type; only s0 is published with the data here. More seeds are read when their files
(`humaneval_<type>_s<N>.jsonl`) lie beside the s0 file: they are the user's own files, used as
given. `DeadCodeInserterLast`, stored with the data but not one of ReCode's 28 types, is left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from execbench.core import AssertTests, Task, UserError
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.recode_sets import (
    COMMIT,
    FAMILIES,
    NOMINAL,
    NOMINAL_PARTIAL,
    Variant,
    data_file,
    nominal_for,
)
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import resolve

_LOST_BACKSLASH = (
    "the perturbed partial code lost a backslash (ReCode's natgen pass strips them): the "
    'canonical rest splits on r"[.?!]s*", not r"[.?!]\\s*", and counts 1 boredom where the '
    "tests expect 2"
)
# Perturbed tasks that parse but whose perturbed first lines no longer compute what the
# canonical rest of the solution expects (found by `validate -b recode`, read by hand).
CHANGED_MEANING = {
    **{f"natgen/{kind}/s0/HumanEval/91": _LOST_BACKSLASH for kind in FAMILIES["natgen"][0]},
    "natgen/ForWhileTransformer/s0/HumanEval/75": (
        "the for loop became `while i < 101:` with `i += 1` at its end, and the canonical rest "
        "`continue`s before it: the loop never ends"
    ),
    "natgen/ForWhileTransformer/s0/HumanEval/95": (
        "the for loop over dict.keys() became `dict.keys()[_key_i]`, which raises TypeError"
    ),
    "natgen/ForWhileTransformer/s0/HumanEval/150": (
        "the for loop became a while loop whose `i += 1` the canonical rest puts after "
        "`return y; break`, inside the `if`: the loop stops advancing"
    ),
}


class _ReCode(Benchmark):
    families: tuple[str, ...] = tuple(FAMILIES)
    data_version = COMMIT[:7]

    def known_issue(self, task: Task) -> str | None:
        """Perturbed prompts the published data broke: some no longer parse with the canonical
        solution after them (a docstring's closing quotes turned into `" " "`, a body
        dedented), some changed what the solution's first lines compute."""
        try:
            compile(task.reference, task.task_id, "exec")
        except SyntaxError as exc:
            why = f"{type(exc).__name__}: {exc.msg}, line {exc.lineno}"
            return (
                f"the perturbed prompt followed by the canonical solution is not valid Python "
                f"({why}): ReCode's published data is broken here"
            )
        return CHANGED_MEANING.get(task.task_id)

    def load(self, options: LoadOptions) -> list[Task]:
        if options.data is not None:
            raise UserError(
                f"{self.name} reads a directory of files: set EXECBENCH_DATA_DIR to a directory "
                "holding recode/ (laid out as the shared datasets), not --data"
            )
        originals = _originals(resolve(data_file("nominal/HumanEval.jsonl"), options))
        sets = {nominal_for(family) for family in self.families}
        tasks = []
        for nominal in sorted(sets):
            path = resolve(data_file(f"nominal/{_NOMINAL_FILES[nominal]}"), options)
            tasks += _read_set(path, Variant("", nominal, 0, ""), originals, self.name)
        for family in self.families:
            kinds, _ = FAMILIES[family]
            for kind in kinds:
                first = resolve(data_file(f"{family}/{kind}"), options)
                for seed, path in _seed_files(first, kind):
                    tasks += _read_set(path, Variant(family, kind, seed, ""), originals, self.name)
        return tasks


_NOMINAL_FILES = {NOMINAL: "HumanEval.jsonl", NOMINAL_PARTIAL: "humaneval_partial.jsonl"}


def _seed_files(first: Path, kind: str) -> list[tuple[int, Path]]:
    """The s0 file and any further seeds of `kind` beside it, by seed."""
    pattern = re.compile(rf"^humaneval_{re.escape(kind)}_s(\d+)\.jsonl$")
    found = {0: first}
    for path in first.parent.iterdir():
        match = pattern.match(path.name)
        if match and int(match[1]) != 0:
            found[int(match[1])] = path
    return sorted(found.items())


class _Original(NamedTuple):
    test: str
    entry_point: str


def _originals(path: Path) -> dict[str, _Original]:
    return {
        require(record, "task_id", path, line): _Original(
            require(record, "test", path, line), require(record, "entry_point", path, line)
        )
        for line, record in read_jsonl(path)
    }


def _read_set(
    path: Path, variant: Variant, originals: dict[str, _Original], benchmark: str
) -> list[Task]:
    """One set's tasks. The model continues `prompt` in every set: in the partial-code sets it
    is the prompt plus the solution's first lines, perturbed (ReCode's `perturb.py`); their
    `partial` field is the nominal split with a marker comment, not what the model sees."""
    tasks = []
    for line, record in read_jsonl(path):
        task_id = require(record, "task_id", path, line)
        if task_id not in originals:
            raise UserError(f"{path}:{line}: field task_id: {task_id!r} is not a HumanEval task")
        original = originals[task_id]
        prefix = require(record, "prompt", path, line)
        entry_point = require(record, "entry_point", path, line)
        solution = _as_prompted(variant, require(record, "canonical_solution", path, line))
        tests = f"{original.test}\ncheck({entry_point})\n"
        if entry_point != original.entry_point:
            # The tests may call the function by its first name (HumanEval/33 compares with
            # `sort_third(...)`): that name is the function under test, now renamed.
            tests = f"{original.entry_point} = {entry_point}\n{tests}"
            solution = re.sub(rf"\b{re.escape(original.entry_point)}\b", entry_point, solution)
        reference = prefix + solution
        tasks.append(
            Task(
                task_id=f"{variant.set_name}/{task_id}",
                benchmark=benchmark,
                prompt=prefix,
                entry_point=entry_point,
                completion_prefix=prefix,
                reference=reference,
                tests=AssertTests(code=tests, entry_points=(entry_point,), setup=reference),
                metadata={"recode_set": variant.set_name, "original_task_id": task_id},
            )
        )
    return tasks


def _as_prompted(variant: Variant, solution: str) -> str:
    """The canonical rest of the solution as a model following the perturbed prompt writes it:
    ReCode's `tab_indent` turns the prompt's indentation into tabs but leaves the solution's
    spaces, which no longer parse after it; the reference indents with tabs too."""
    if variant.perturbation != "tab_indent":
        return solution
    return re.sub(r"(?m)^(?: {4})+", lambda indent: "\t" * (len(indent[0]) // 4), solution)


def _register(name: str, description: str, families: tuple[str, ...]) -> None:
    cls = type(
        f"ReCode_{name.replace('-', '_')}",
        (_ReCode,),
        {"name": name, "description": description, "families": families},
    )
    register_benchmark(cls)


_register(
    "recode", "ReCode: HumanEval under 28 prompt perturbations in 4 families", tuple(FAMILIES)
)
for _name, _family, _what in (
    ("recode-docstring", "nlaugmenter", "docstring rewordings"),
    ("recode-function-name", "func_name", "renamed functions"),
    ("recode-syntax", "natgen", "code-syntax transformations of partial code"),
    ("recode-format", "format", "code-format changes of partial code"),
):
    _register(_name, f"ReCode's {_what} (one family) with its nominal set", (_family,))
