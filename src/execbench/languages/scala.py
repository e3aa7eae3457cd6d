"""Scala 2 (scalac), run on the JVM with the Scala library. MultiPL-E also fails any run that
writes to standard error. A whole program (a stdio task's) is compiled alone and run from its
entry object."""

import re

from execbench.languages.base import (
    LanguageSpec,
    Prepared,
    Tool,
    Verdicts,
    WholeProgram,
    register_language,
)
from execbench.languages.java import JVM_FLAGS
from execbench.languages.shapes import Launcher

SCALA_LIBRARY = "/usr/share/java/scala-library.jar"
SCALAC = ("{scalac}", "-J-Xmx1g", "-nowarn", "-d", "prog.jar", "{src}")
JAVA = ("{java}", *JVM_FLAGS, "-Xmx{heap_mb}m", "-cp", f"prog.jar:{SCALA_LIBRARY}")

# Top-level objects (at the start of a line); the entry one extends App or defines `main`.
_OBJECT = re.compile(r"^object\s+(\w+)", re.M)
_ENTRY = re.compile(r"\bextends\s+App\b|\bdef\s+main\s*\(")


def whole_program(source: str, tests: str = "", main: str | None = None) -> Prepared:
    """A complete program as Main.scala, its entry object as `{main}` (default Main)."""
    objects = list(_OBJECT.finditer(source))
    bounds = [found.start() for found in objects] + [len(source)]
    entries = [
        found.group(1)
        for found, end in zip(objects, bounds[1:], strict=True)
        if _ENTRY.search(source, found.end(), end)
    ]
    entry = entries[0] if entries else "Main"
    return Prepared({"Main.scala": source}, values={"main": entry})


register_language(
    LanguageSpec(
        name="scala",
        aliases=(),
        source_file="Main.scala",
        tools=(
            Tool("scalac", ("scalac",), ("-version",), requires=(SCALA_LIBRARY,)),
            Tool("java", ("java",)),
        ),
        compile=(*SCALAC, "ExecbenchMain.scala"),
        outputs=("prog.jar",),
        run=(*JAVA, "ExecbenchMain"),
        prepare=Launcher(
            "Main.scala",
            "ExecbenchMain.scala",
            "object ExecbenchMain {\n"
            "  def main(args: Array[String]): Unit = {\n"
            "    {main}.main(args)\n"
            "    val line = scala.io.StdIn.readLine()\n"
            '    print(if (line == null) "" else line)\n'
            "    Console.out.flush()\n"
            "  }\n"
            "}\n",
            default_main="Problem",
        ),
        default_main="Problem",
        verdicts=Verdicts(stderr_fails=True, assertion_markers=("AssertionError",)),
        run_memory_extra_mb=2048,
        compile_cpu_s=120.0,
        whole_program=WholeProgram(
            compile=SCALAC,
            run=(*JAVA, "{main}"),
            prepare=whole_program,
        ),
    )
)
