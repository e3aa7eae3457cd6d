"""ClassEval (Du et al., 2023): 100 Python classes, each tested by several unittest classes.

Class-level pass (the verdict) needs every TestCase class to pass; the method-level figure (each
method's own TestCase class) is in the verdict's detail. Some classes need third-party packages
(numpy, pandas, nltk with its data, python-docx, PyPDF2...): `metadata["requires"]` lists them,
and samples run in ClassEval's own environment (`execbench env prepare classeval`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from execbench.core import Task, UnittestTests, UserError
from execbench.environments import DataStep, EnvironmentSpec
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_text, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

CLASSEVAL_FILE = DataFile(
    relpath="classeval/ClassEval_data.json.gz",
    sha256=frozenset({"565c69c84a26644ece5b585119b165b1104da6092d613bc0a28df2d5fbcd8dd9"}),
    url="https://raw.githubusercontent.com/FudanSELab/ClassEval/"
    "eaeac44d0d5dcd8a95feec50726d66fedc73a98f/data/ClassEval_data.json",
    license="MIT",
)

# The packages ClassEval's tests and references import, as its authors pinned them in
# requirements.txt (FudanSELab/ClassEval eaeac44): each `~=X` there is `==X` here, so that a later
# release in the same series (nltk 3.9 renamed the `punkt` data its tests download) cannot change
# a verdict. Left out: what only their generation and scoring scripts use (torch, transformers,
# openai, tqdm, jsonlines, levenshtein, func_timeout). Added: python-docx, which ClassEval_34
# imports and their file omits, at its release of ClassEval's publication (0.8.11, 2021; 1.0 came
# in October 2023). On Python 3.10, the newest their pins have wheels for (they used 3.8).
_NLTK_DATA = ("wordnet", "omw-1.4", "punkt", "averaged_perceptron_tagger")
CLASSEVAL_ENVIRONMENT = EnvironmentSpec(
    name="classeval",
    python="3.10",
    requirements=(
        "gensim==4.2.0",
        "bs4==0.0.1",
        "beautifulsoup4==4.11.1",
        "PyPDF2==3.0.1",
        "reportlab==4.0.4",
        "nltk==3.7",
        "pillow==9.1.1",
        "numpy==1.22.4",
        "pandas==1.4.2",
        "scipy==1.8.1",
        "openpyxl==3.0.9",
        "setuptools==68.0.0",
        "python-docx==0.8.11",
    ),
    imports=(
        *("bs4", "docx", "gensim", "nltk", "numpy", "openpyxl", "pandas", "PIL", "PyPDF2"),
        *("reportlab", "scipy"),
    ),
    data=(
        # ClassEval_52 calls nltk.download() for these when its module loads; samples have no
        # network, so they are fetched once, here, into the environment's own nltk_data.
        DataStep(
            description="nltk data (" + ", ".join(_NLTK_DATA) + ")",
            module="nltk.downloader",
            args=("-d", "{prefix}/nltk_data", *_NLTK_DATA),
            check=(
                "nltk_data/corpora/wordnet.zip",
                "nltk_data/corpora/omw-1.4.zip",
                "nltk_data/tokenizers/punkt.zip",
                "nltk_data/taggers/averaged_perceptron_tagger.zip",
            ),
        ),
    ),
    source="FudanSELab/ClassEval requirements.txt (eaeac44)",
)

# CPU seconds for one TestCase class. ClassEval's harness allows 5 wall seconds on its authors'
# machine (func_set_timeout(5)); the EightPuzzle reference (ClassEval_35) needs ~5.3 CPU s here.
CLASS_TIMEOUT_S = 10.0
_IMPORTED = re.compile(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", re.MULTILINE)


def _requires(*sources: str) -> tuple[str, ...]:
    found = {name for source in sources for name in _IMPORTED.findall(source)}
    return tuple(sorted(found - sys.stdlib_module_names))


def classeval_task(record: dict, benchmark: str, where: str) -> Task:
    def field(name: str):
        return require(record, name, Path(where), 0)

    imports = "\n".join(field("import_statement"))
    skeleton = field("skeleton")
    instruction = f"Please complete the class {field('class_name')} in the following code.\n"
    methods = tuple((m["method_name"], m["test_class"].strip()) for m in field("methods_info"))
    return Task(
        task_id=field("task_id"),
        benchmark=benchmark,
        prompt=skeleton,
        reference=field("solution_code"),
        entry_point=field("class_name"),
        tests=UnittestTests(
            code=field("test"),
            # One record names a class with a stray leading space (ClassEval_97).
            test_classes=tuple(name.strip() for name in field("test_classes")),
            prelude=imports,
            method_classes=methods,
            class_timeout_s=CLASS_TIMEOUT_S,
        ),
        metadata={
            "instruction": instruction + skeleton,
            "requires": _requires(imports, field("test")),
        },
    )


@register_benchmark
class ClassEval(Benchmark):
    name = "classeval"
    description = "ClassEval: 100 class-level Python generation tasks with unittest suites"
    data_version = "eaeac44"
    environment = CLASSEVAL_ENVIRONMENT

    def load(self, options: LoadOptions) -> list[Task]:
        path = resolve(CLASSEVAL_FILE, options)
        try:
            records = json.loads(read_text(path))
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
        if not isinstance(records, list):
            raise UserError(f"{path}: expected a JSON array of ClassEval records")
        return [
            classeval_task(record, self.name, f"{path} (record {index})")
            for index, record in enumerate(records)
        ]
