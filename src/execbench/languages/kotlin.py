"""Kotlin (kotlinc to a jar with its runtime, run on the JVM)."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.java import JVM_FLAGS
from execbench.languages.shapes import TESTS_MAIN, RenameMain

register_language(
    LanguageSpec(
        name="kotlin",
        aliases=("kt",),
        fence_tags=("kt",),
        source_file="main.kt",
        tools=(
            Tool("kotlinc", ("kotlinc",), ("-version",), version_line="kotlinc"),
            Tool("java", ("java",)),
        ),
        compile=("{kotlinc}", "-J-Xmx1g", "-nowarn", "{src}", "-include-runtime", "-d", "prog.jar"),
        outputs=("prog.jar",),
        run=("{java}", *JVM_FLAGS, "-Xmx{heap_mb}m", "-ea", "-cp", "prog.jar", "MainKt"),
        prepare=RenameMain(
            "main.kt",
            r"\bfun\s+main\s*\(\s*\)",
            f"fun {TESTS_MAIN}()",
            f'fun main() {{\n    {TESTS_MAIN}()\n    print(readLine() ?: "")\n}}',
        ),
        verdicts=Verdicts(assertion_markers=("AssertionError",)),
        run_memory_extra_mb=2048,
        compile_cpu_s=120.0,
    )
)
