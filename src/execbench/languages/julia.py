"""Julia. Not packaged in Debian bookworm, and its pip/npm installers download binaries from
elsewhere, so it is unavailable unless the user installs julia themselves."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="julia",
        aliases=("jl",),
        fence_tags=("jl",),
        source_file="main.jl",
        tools=(Tool("julia", ("julia",)),),
        run=("{julia}", "--startup-file=no", "{src}"),
        prepare=Append("main.jl", 'print(something(readline(), ""))'),
        verdicts=Verdicts(
            syntax_markers=("ParseError", "syntax:"),
            assertion_markers=("Test Failed", "Some tests did not pass"),
        ),
        notes="julia is not packaged in Debian bookworm; install it from julialang.org",
        run_memory_extra_mb=4096,
    )
)
