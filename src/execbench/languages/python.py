"""Python 3: the interpreter execbench itself runs on (so numpy and friends are there too)."""

import sys

from execbench.languages.base import (
    LanguageSpec,
    Tool,
    Verdicts,
    WholeProgram,
    register_language,
)
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="python",
        aliases=("py", "python3"),
        fence_tags=("py", "python3", "py3", "pycon", "ipython"),
        # Where a base model's function body ends: the next top-level statement, or a fence.
        base_stops=("\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#", "\nassert ", "\n```"),
        source_file="main.py",
        tools=(Tool("python", (sys.executable, "python3")),),
        # Isolated as `-I` is, less its `-E`: that would drop the sandbox's fixed PYTHONHASHSEED,
        # and each run would iterate sets of strings in another order.
        run=("{python}", "-s", "-P", "{src}"),
        prepare=Append(
            "main.py",
            "import sys as _eb_sys\n_eb_sys.stdout.write(_eb_sys.stdin.readline())\n"
            "_eb_sys.stdout.flush()",
        ),
        verdicts=Verdicts(syntax_markers=("SyntaxError",)),
        # stdio programs have always run as solution.py: tracebacks in verdicts name that file.
        whole_program=WholeProgram(source_file="solution.py"),
    )
)
