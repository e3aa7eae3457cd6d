"""C# with Mono (mcs + mono), compiled as MultiPL-E does: DEBUG defined, System.Numerics referenced.

Mono's failed `Debug.Assert` does not stop the program; with MONO_TRACE_LISTENER=Console.Error it
reports on standard error, which MultiPL-E reads as a failure (and so does execbench). A whole
program (a stdio task's) is compiled alone, and mcs finds its `Main` itself.
"""

from execbench.languages.base import (
    Grammar,
    LanguageSpec,
    Tool,
    Verdicts,
    WholeProgram,
    register_language,
)
from execbench.languages.shapes import Launcher

MCS = ("{mcs}", "-d:DEBUG", "-r:System.Numerics.dll")

register_language(
    LanguageSpec(
        name="csharp",
        aliases=("cs", "c#"),
        display_name="C#",
        fence_tags=("cs", "c#"),
        grammar=Grammar("tree_sitter_c_sharp"),
        source_file="Main.cs",
        tools=(Tool("mcs", ("mcs", "csc")), Tool("mono", ("mono",)), Tool("env", ("env",))),
        compile=(*MCS, "-main:ExecbenchMain", "-out:prog.exe", "{src}", "ExecbenchMain.cs"),
        outputs=("prog.exe",),
        run=("{env}", "MONO_TRACE_LISTENER=Console.Error", "{mono}", "prog.exe"),
        prepare=Launcher(
            "Main.cs",
            "ExecbenchMain.cs",
            "class ExecbenchMain {\n"
            "    static void Main(string[] args) {\n"
            "        {main}.Main(args);\n"
            '        System.Console.Write(System.Console.In.ReadLine() ?? "");\n'
            "    }\n"
            "}\n",
            default_main="Problem",
        ),
        default_main="Problem",
        verdicts=Verdicts(
            failure_markers=("DefaultTraceListener.Fail", "Unhandled Exception"),
            assertion_markers=("DefaultTraceListener.Fail", "ASSERTION FAILED"),
        ),
        run_memory_extra_mb=2048,
        whole_program=WholeProgram(compile=(*MCS, "-out:prog.exe", "{src}")),
    )
)
