"""Bash."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="bash",
        aliases=("sh", "shell"),
        fence_tags=("sh", "shell", "zsh"),
        source_file="main.sh",
        tools=(Tool("bash", ("bash",)),),
        run=("{bash}", "{src}"),
        prepare=Append(
            "main.sh", "IFS= read -r execbench_line || true\nprintf '%s' \"$execbench_line\""
        ),
        verdicts=Verdicts(syntax_markers=("syntax error",)),
    )
)
