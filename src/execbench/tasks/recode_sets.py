"""ReCode's sets of HumanEval: the perturbation families and types, the pinned data files, and
the task ids that name a task's set (tasks/recode.py reads them; metrics/robustness.py groups
verdicts by them)."""

from __future__ import annotations

import re
from typing import NamedTuple

from execbench.tasks.sources import DataFile

COMMIT = "66885222dc277384b0641a621683ee5bcf4eaf5c"
_URL = f"https://raw.githubusercontent.com/amazon-science/recode/{COMMIT}/dataset-release/"
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
PINNED = {
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


def data_file(key: str) -> DataFile:
    if key.startswith("nominal/"):
        relpath = f"recode/{key}"
        url = f"{_URL}{key}"
    else:
        family, kind = key.split("/")
        relpath = f"recode/perturbed_finalized/humaneval/full/{family}/humaneval_{kind}_s0.jsonl"
        url = _URL + relpath.removeprefix("recode/")
    return DataFile(relpath=relpath, sha256=frozenset({PINNED[key]}), url=url, license="Apache-2.0")
