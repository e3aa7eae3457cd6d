"""Scala 2 (scalac), run on the JVM with the Scala library. MultiPL-E also fails any run that
writes to standard error."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.java import JVM_FLAGS
from execbench.languages.shapes import Launcher

SCALA_LIBRARY = "/usr/share/java/scala-library.jar"

register_language(
    LanguageSpec(
        name="scala",
        aliases=(),
        source_file="Main.scala",
        tools=(
            Tool("scalac", ("scalac",), ("-version",), requires=(SCALA_LIBRARY,)),
            Tool("java", ("java",)),
        ),
        compile=(
            "{scalac}",
            "-J-Xmx1g",
            "-nowarn",
            "-d",
            "prog.jar",
            "{src}",
            "ExecbenchMain.scala",
        ),
        outputs=("prog.jar",),
        run=(
            "{java}",
            *JVM_FLAGS,
            "-Xmx{heap_mb}m",
            "-cp",
            f"prog.jar:{SCALA_LIBRARY}",
            "ExecbenchMain",
        ),
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
    )
)
