"""C with gcc."""

from execbench.languages.base import Grammar, LanguageSpec, Tool, register_language
from execbench.languages.shapes import c_family

register_language(
    LanguageSpec(
        name="c",
        aliases=("gcc",),
        fence_tags=("h",),
        grammar=Grammar("tree_sitter_c"),
        source_file="main.c",
        tools=(Tool("cc", ("gcc", "clang", "cc")),),
        compile=("{cc}", "-o", "prog", "{src}", "-lm"),
        outputs=("prog",),
        run=("./prog",),
        prepare=c_family("main.c", "stdio.h", "void"),
    )
)
