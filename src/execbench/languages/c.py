"""C with gcc."""

from execbench.languages.base import LanguageSpec, Tool, register_language
from execbench.languages.shapes import TESTS_MAIN, RenameMain

register_language(
    LanguageSpec(
        name="c",
        aliases=("gcc",),
        source_file="main.c",
        tools=(Tool("cc", ("gcc", "clang", "cc")),),
        compile=("{cc}", "-o", "prog", "{src}", "-lm"),
        outputs=("prog",),
        run=("./prog",),
        prepare=RenameMain(
            "main.c",
            r"\bint\s+main\s*\(\s*(void)?\s*\)",
            f"int {TESTS_MAIN}(void)",
            "#include <stdio.h>\n"
            f"int main(void) {{\n    {TESTS_MAIN}();\n    char line[256];\n"
            "    if (fgets(line, sizeof line, stdin)) fputs(line, stdout);\n"
            "    return 0;\n}",
        ),
    )
)
