"""Java (javac + java), with javatuples on the class path for MultiPL-E's tests.

The JVM reserves far more address space than it uses, so RLIMIT_AS alone would kill it: the heap
is capped with -Xmx at the memory limit and the reservations are kept small, and the address-space
limit is raised by `run_memory_extra_mb` for what remains (code cache, metaspace, thread stacks).
"""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
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

register_language(
    LanguageSpec(
        name="java",
        aliases=(),
        source_file="Main.java",
        tools=(Tool("javac", ("javac",), ("-version",)), Tool("java", ("java",))),
        compile=(
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
            "ExecbenchMain.java",
        ),
        outputs=("classes",),
        run=("{java}", *JVM_FLAGS, "-Xmx{heap_mb}m", "-ea", "-cp", CLASSPATH, "ExecbenchMain"),
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
    )
)
