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
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

_COMMIT = "66885222dc277384b0641a621683ee5bcf4eaf5c"
_URL = f"https://raw.githubusercontent.com/amazon-science/recode/{_COMMIT}/dataset-release/"
NOMINAL, NOMINAL_PARTIAL = "nominal", "nominal_partial"
# family -> (its perturbation types, whether its prompts are partial code)
FAMILIES: dict[str, tuple[tuple[str, ...], bool]] = {
    "nlaugmenter": (
        (
            "BackTranslation",
            "ButterFingersPerturbation",
            "ChangeCharCase",
            "EnglishInflectionalVariation",
            "SwapCharactersPerturbation",
            "SynonymInsertion",
            "SynonymSubstitution",
            "TenseTransformationPast",
            "TenseTransformationFuture",
            "WhitespacePerturbation",
        ),
        False,
    ),
    "func_name": (
        (
            "FuncRenameCamelCase",
            "FuncRenameButterFinger",
            "FuncRenameSwapChar",
            "FuncRenameChangeChar",
            "FuncRenameInflectionalVariation",
            "FuncRenameSynonymSub",
        ),
        False,
    ),
    "natgen": (
        (
            "DeadCodeInserter",
            "ForWhileTransformer",
            "OperandSwap",
            "VarRenamerCB",
            "VarRenamerNaive",
            "VarRenamerRN",
        ),
        True,
    ),
    "format": (
        (
            "tab_indent",
            "split_lines",
            "doc2comments",
            "new_lines",
            "new_line_aftercode",
            "new_line_afterdoc",
        ),
        True,
    ),
}
# The randomised types, of which ReCode draws s = 10 variants (config.json, RANDOM_TRANS); the
# others are deterministic: one variant is all there is.
RANDOMISED = frozenset(
    {
        "ButterFingersPerturbation",
        "ChangeCharCase",
        "EnglishInflectionalVariation",
        "SwapCharactersPerturbation",
        "SynonymInsertion",
        "SynonymSubstitution",
        "WhitespacePerturbation",
        "DeadCodeInserter",
        "VarRenamerRN",
        "FuncRenameButterFinger",
        "FuncRenameSwapChar",
        "FuncRenameChangeChar",
        "FuncRenameInflectionalVariation",
        "FuncRenameSynonymSub",
        "new_lines",
    }
)
PAPER_SEEDS = 10
# Each stored file's sha256 (SOURCES.md), by path under the data directory's recode/.
_PINNED = {
    "nominal/HumanEval.jsonl": "1d49078ba3e2b196b9344535bef34a43021f038fad9561d6ee7c53450609a6a2",
    "nominal/humaneval_partial.jsonl": (
        "5eb7a5f8c38e2d9e2c9f9fd73d12e1677fbaece9ae56297453f28c6b63913337"
    ),
    "format/doc2comments": "c5307c4aee28b071b77f8278e32d43feaa063146c1396daed5ddaee15c6a268e",
    "format/new_line_aftercode": "426feec8e7a36aaaf20d49a79a1d6df3e8f2f3cc2d53c6def07006aae673288d",
    "format/new_line_afterdoc": "01cb0bab7b9a15fddd33e55737323ea095a5d8f7c43b9c6b3692dcb0413efbec",
    "format/new_lines": "74de06568062f94e6e560a5d6435061b5b24d293474c2659126d6031f9c08962",
    "format/split_lines": "25718605b2212e24da9a46a35e63369c65203c25d1a9157bf62a6c153e2c460f",
    "format/tab_indent": "b097451713261f6e4e23f33675ffba5c5ab4ca81598ab7a0c3a1a6d429fe2601",
    "func_name/FuncRenameButterFinger": (
        "8b52b75b8169464c929b9c504ecd6cac5923b97cfe49b92300a5a8e6db354b6b"
    ),
    "func_name/FuncRenameCamelCase": (
        "88f14c67dbb32ed666372d3d052eedc8c6b0f2aee82e36fc741190b61348c645"
    ),
    "func_name/FuncRenameChangeChar": (
        "19514264138b22229d3795413e1de03579e95e4ac9e899933b3f539d8616213b"
    ),
    "func_name/FuncRenameInflectionalVariation": (
        "d73b7d8ffab5abc3c637592e13c11e5a9909767ccf46a22c97aa94943f1ac011"
    ),
    "func_name/FuncRenameSwapChar": (
        "2cb6627cabda85cb341e75f03d01acaf071a8dd7dcc518960a4fc957da30530e"
    ),
    "func_name/FuncRenameSynonymSub": (
        "1d49078ba3e2b196b9344535bef34a43021f038fad9561d6ee7c53450609a6a2"
    ),
    "natgen/DeadCodeInserter": "50324f9a5a73621c7457f16fe884e90f655ecd4455394badd0426c942ddcc75d",
    "natgen/ForWhileTransformer": (
        "8a1b27bdc384fd11e8cac369a7d45b81dc2770b02008094005b1d9d3291accd1"
    ),
    "natgen/OperandSwap": "c283c7271742c21836d96c9f72a9187b3a316f5dda47a098bbb1aed27fbac352",
    "natgen/VarRenamerCB": "d312ff4922231e3ac8c95c357af37228bd3bdd8c9565ea8e2302fa66d0020dfa",
    "natgen/VarRenamerNaive": "ea58355c4c61a498e83b75f4365d640ebe42c5fb0676c416d07162b0b3f873b1",
    "natgen/VarRenamerRN": "2234a9626f3c20db6045e9260e20e72267652b1439069daac4e47a8fa248abad",
    "nlaugmenter/BackTranslation": (
        "3aedc51fd04afabe0ded257d021e6606639d7d5007849f21fa11c21c704a0086"
    ),
    "nlaugmenter/ButterFingersPerturbation": (
        "7bed015f466055027ec29866a6d5920a44744f115e587c0710eb5f2fc780d3f9"
    ),
    "nlaugmenter/ChangeCharCase": (
        "5539ec5ae921ee3d3cfa03146e3076e5552d683bb078a799f9404baa4fdf8d96"
    ),
    "nlaugmenter/EnglishInflectionalVariation": (
        "c418f90fce4a03552de1c29d09c959963a548e9b32d4048647efa1c7e2a1d1fd"
    ),
    "nlaugmenter/SwapCharactersPerturbation": (
        "efada0157d3ad27d2a5e6e98024ac6d52417e4c458d505062f430b372e61b47f"
    ),
    "nlaugmenter/SynonymInsertion": (
        "2375e895c88c29e6929bc4f78fb5e2752f9d4932e47886c7d977bde4cc3ce0d3"
    ),
    "nlaugmenter/SynonymSubstitution": (
        "d64127b8e5beb22dbbe895e62edc562063d84d26641b7d3625963b783d04c7b7"
    ),
    "nlaugmenter/TenseTransformationFuture": (
        "299dfaf2e75d9414bd5922f4638c07761e8841641a97e3e2be04b3906b602935"
    ),
    "nlaugmenter/TenseTransformationPast": (
        "f223a150ba16da31069c203b8d39b83493bc37a70a5a633a3dd2e05a75aa21f1"
    ),
    "nlaugmenter/WhitespacePerturbation": (
        "5bfcbfe5ed1df31080bfee1ccb7272387d961bc6ecb2a7a9f6e839c025f2ab6f"
    ),
}


class Variant(NamedTuple):
    """Where a ReCode task comes from: its set (`nominal`, `nominal_partial`, or a perturbation
    family, type and seed) and the HumanEval problem."""

    family: str  # "" for the nominal sets
    perturbation: str  # NOMINAL, NOMINAL_PARTIAL, or the perturbation type
    seed: int
    original: str  # HumanEval/N

    @property
    def set_name(self) -> str:
        if not self.family:
            return self.perturbation
        return f"{self.family}/{self.perturbation}/s{self.seed}"


_ID = re.compile(
    r"^(?:(?P<nominal>nominal(?:_partial)?)|(?P<family>\w+)/(?P<type>\w+)/s(?P<seed>\d+))"
    r"/(?P<original>HumanEval/\d+)$"
)


def recode_variant(task_id: str) -> Variant | None:
    """The set and problem a ReCode task id names; None for any other task id."""
    match = _ID.match(task_id)
    if match is None:
        return None
    if match["nominal"]:
        return Variant("", match["nominal"], 0, match["original"])
    if match["family"] not in FAMILIES:
        return None
    return Variant(match["family"], match["type"], int(match["seed"]), match["original"])


def nominal_for(family: str) -> str:
    """The nominal set a family's drop is measured from."""
    return NOMINAL_PARTIAL if FAMILIES[family][1] else NOMINAL


def _data_file(key: str) -> DataFile:
    if key.startswith("nominal/"):
        relpath = f"recode/{key}"
        url = f"{_URL}{key}"
    else:
        family, kind = key.split("/")
        relpath = f"recode/perturbed_finalized/humaneval/full/{family}/humaneval_{kind}_s0.jsonl"
        url = _URL + relpath.removeprefix("recode/")
    return DataFile(
        relpath=relpath, sha256=frozenset({_PINNED[key]}), url=url, license="Apache-2.0"
    )


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
    data_version = _COMMIT[:7]

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
        originals = _originals(resolve(_data_file("nominal/HumanEval.jsonl"), options))
        sets = {nominal_for(family) for family in self.families}
        tasks = []
        for nominal in sorted(sets):
            path = resolve(_data_file(f"nominal/{_NOMINAL_FILES[nominal]}"), options)
            tasks += _read_set(path, Variant("", nominal, 0, ""), originals, self.name)
        for family in self.families:
            kinds, _ = FAMILIES[family]
            for kind in kinds:
                first = resolve(_data_file(f"{family}/{kind}"), options)
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
