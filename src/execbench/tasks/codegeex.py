"""What HumanEval-X and HumanEvalPack share from CodeGeeX's evaluator (codegeex/benchmark/utils.py),
which OctoPack's harness took over: the import helpers added to programs, and Rust tests written
against an older `rand`.
"""

from __future__ import annotations

import re

from execbench.core import UserError
from execbench.languages import canonical_name
from execbench.tasks.base import LoadOptions

# execbench language name -> the language code of HumanEval-X's (and HumanEvalPack's) files
LANGUAGE_CODES = {
    "cpp": "cpp",
    "go": "go",
    "java": "java",
    "javascript": "js",
    "python": "python",
    "rust": "rust",
}



def chosen_language(benchmark: str, options: LoadOptions) -> str:
    """The --language asked for (Python by default), one of the six these benchmarks have."""
    language = canonical_name(options.language or "python")
    if language not in LANGUAGE_CODES:
        choices = ", ".join(LANGUAGE_CODES)
        raise UserError(f"{benchmark} has no {language} tasks; choose --language from {choices}")
    return language


# CodeGeeX's IMPORT_HELPER["python"], put before every Python program.
PYTHON_IMPORTS = (
    "import math\nimport re\nimport sys\nimport copy\nimport datetime\nimport itertools\n"
    "import collections\nimport heapq\nimport statistics\nimport functools\nimport hashlib\n"
    "import numpy\nimport numpy as np\nimport string\nfrom typing import *\n"
    "from collections import *\n"
)
# CodeGeeX's IMPORT_HELPER["go"]: packages a Go program may use without importing them, each with
# a symbol that marks it used where all are imported at once.
GO_HELPERS = {
    "math": "math.Abs",
    "strings": "strings.Contains",
    "fmt": "fmt.Sprint",
    "strconv": "strconv.Itoa",
    "time": "time.Now",
    "bytes": "bytes.Equal",
    "regexp": "regexp.MustCompile",
    "sort": "sort.Ints",
    "math/rand": "rand.Intn",
    "crypto/md5": "md5.Sum",
}

# The Rust tests were written against rand 0.7 (`gen_range(low, high)`); the rand found here is
# 0.8, where the same half-open range is written `gen_range(low..high)`.
_RAND_07_RANGE = re.compile(r"gen_range\(([^,()]+), ([^()]+?)\)")


def rand_08(test: str) -> str:
    return _RAND_07_RANGE.sub(r"gen_range(\1..\2)", test)
