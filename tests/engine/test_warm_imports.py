from __future__ import annotations

from execbench.core import AssertTests, Task
from execbench.engine.warm_imports import heavy_imports


def _task(reference: str, language: str = "python") -> Task:
    return Task("t/0", "b", "", AssertTests("assert True", ("f",)), reference, language=language)


def test_libraries_the_references_import_are_warmed_in_a_fixed_order():
    tasks = [
        _task("import pandas as pd\nfrom numpy.linalg import norm\n"),
        _task("def f():\n    import scipy.stats\n"),
        _task("import os, json\nfrom . import sibling\n"),
    ]
    assert heavy_imports(tasks) == ("numpy", "pandas", "scipy")


def test_unparsable_and_other_language_references_add_nothing():
    tasks = [_task("import numpy\ndef broken(:\n"), _task("import numpy", language="ruby")]
    assert heavy_imports(tasks) == ()
