"""Python 3: the interpreter execbench itself runs on (so numpy and friends are there too)."""

import sys

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="python",
        aliases=("py", "python3"),
        source_file="main.py",
        tools=(Tool("python", (sys.executable, "python3")),),
        run=("{python}", "-I", "{src}"),
        prepare=Append(
            "main.py",
            "import sys as _eb_sys\n_eb_sys.stdout.write(_eb_sys.stdin.readline())\n"
            "_eb_sys.stdout.flush()",
        ),
        verdicts=Verdicts(syntax_markers=("SyntaxError",)),
    )
)
