"""PHP (command-line interpreter)."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="php",
        aliases=(),
        source_file="main.php",
        tools=(Tool("php", ("php",)),),
        run=("{php}", "{src}"),
        prepare=Append("main.php", "echo fgets(STDIN);"),
        verdicts=Verdicts(
            syntax_markers=("PHP Parse error", "Parse error"), assertion_markers=("Test failed",)
        ),
    )
)
