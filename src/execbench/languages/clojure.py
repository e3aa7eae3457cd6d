"""Clojure on the JVM (clojure.main with Debian's jars)."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.java import JVM_FLAGS
from execbench.languages.shapes import Append

JARS = (
    "/usr/share/java/clojure.jar",
    "/usr/share/java/spec.alpha.jar",
    "/usr/share/java/core.specs.alpha.jar",
)

register_language(
    LanguageSpec(
        name="clojure",
        aliases=("clj",),
        fence_tags=("clj",),
        source_file="main.clj",
        tools=(Tool("clojure", (JARS[0],), ()), Tool("java", ("java",), requires=JARS)),
        run=(
            "{java}",
            *JVM_FLAGS,
            "-Xmx{heap_mb}m",
            "-cp",
            ":".join(JARS),
            "clojure.main",
            "{src}",
        ),
        prepare=Append("main.clj", '(print (or (read-line) ""))\n(flush)'),
        verdicts=Verdicts(assertion_markers=("Assert failed", "FAIL in")),
        run_memory_extra_mb=2048,
    )
)
