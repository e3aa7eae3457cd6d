"""R (Rscript)."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="r",
        aliases=("rlang",),
        source_file="main.r",
        tools=(Tool("rscript", ("Rscript",)),),
        run=("{rscript}", "{src}"),
        prepare=Append("main.r", 'cat(readLines(file("stdin"), n = 1L, warn = FALSE))'),
        verdicts=Verdicts(syntax_markers=("unexpected",), assertion_markers=("is not TRUE",)),
    )
)
