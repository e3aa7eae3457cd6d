"""Java (javac + java), with javatuples on the class path for MultiPL-E's tests.

A whole program (a stdio task's) is compiled alone, in the file its public class requires, and run
from that class.

The JVM reserves far more address space than it uses, so RLIMIT_AS alone would kill it: the heap
is capped with -Xmx at the memory limit and the reservations are kept small, and the address-space
limit is raised by `run_memory_extra_mb` for what remains (code cache, metaspace, thread stacks).
"""

import re

from execbench.languages.base import (
    Grammar,
    LanguageSpec,
    Prepared,
    Tool,
    Verdicts,
    WholeProgram,
    register_language,
)
from execbench.languages.shapes import Launcher

CLASSPATH = ".:classes:/usr/share/java/javatuples.jar"
# Small, fixed reservations and one GC thread: a JVM that fits under an address-space limit.
JVM_FLAGS = (
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:ReservedCodeCacheSize=64m",
    "-XX:CompressedClassSpaceSize=64m",
    "-XX:MaxMetaspaceSize=256m",
    "-Xss16m",
)
JAVAC = (
    "{javac}",
    *(f"-J{flag}" for flag in JVM_FLAGS),
    "-J-Xmx512m",
    "-encoding",
    "UTF8",
    "-nowarn",
    "-cp",
    CLASSPATH,
    "-d",
    "classes",
    "{src}",
)
JAVA = ("{java}", *JVM_FLAGS, "-Xmx{heap_mb}m", "-ea", "-cp", CLASSPATH)

# A top-level class at the start of a line: the public one names the file and is run; without
# one, the first class is.
_PUBLIC_CLASS = re.compile(r"^public\s+(?:(?:final|abstract)\s+)*class\s+(\w+)", re.M)
_CLASS = re.compile(r"^(?:(?:public|final|abstract)\s+)*class\s+(\w+)", re.M)


def whole_program(source: str, tests: str = "", main: str | None = None) -> Prepared:
    """A complete program in `<Class>.java`, its entry class as `{main}` (default Main)."""
    found = _PUBLIC_CLASS.search(source) or _CLASS.search(source)
    entry = found.group(1) if found else "Main"
    return Prepared({f"{entry}.java": source}, values={"src": f"{entry}.java", "main": entry})


register_language(
    LanguageSpec(
        name="java",
        aliases=(),
        grammar=Grammar("tree_sitter_java"),
        source_file="Main.java",
        tools=(Tool("javac", ("javac",), ("-version",)), Tool("java", ("java",))),
        compile=(*JAVAC, "ExecbenchMain.java"),
        outputs=("classes",),
        run=(*JAVA, "ExecbenchMain"),
        prepare=Launcher(
            "Main.java",
            "ExecbenchMain.java",
            "public class ExecbenchMain {\n"
            "    public static void main(String[] args) throws Throwable {\n"
            "        {main}.main(args);\n"
            "        java.io.BufferedReader in = new java.io.BufferedReader(\n"
            "            new java.io.InputStreamReader(System.in));\n"
            "        String line = in.readLine();\n"
            '        System.out.print(line == null ? "" : line);\n'
            "        System.out.flush();\n"
            "    }\n"
            "}\n",
            default_main="Main",
        ),
        default_main="Main",
        verdicts=Verdicts(assertion_markers=("AssertionError",)),
        run_memory_extra_mb=2048,
        whole_program=WholeProgram(compile=JAVAC, run=(*JAVA, "{main}"), prepare=whole_program),
    )
)
