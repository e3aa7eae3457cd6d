"""D with LDC. The tests are `unittest` blocks, run in order; ours is the last one."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="d",
        aliases=("dlang",),
        source_file="main.d",
        tools=(Tool("ldc2", ("ldc2", "ldmd2")),),
        compile=("{ldc2}", "-unittest", "-of=prog", "{src}"),
        outputs=("prog",),
        run=("./prog",),
        prepare=Append(
            "main.d",
            "unittest\n{\n    import std.stdio : readln, write, stdout;\n"
            "    write(readln());\n    stdout.flush();\n}",
        ),
        verdicts=Verdicts(syntax_markers=("Error:",), assertion_markers=("AssertError",)),
    )
)
