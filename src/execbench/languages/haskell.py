"""Haskell with GHC."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import TESTS_MAIN, RenameMain

register_language(
    LanguageSpec(
        name="haskell",
        aliases=("hs",),
        fence_tags=("hs",),
        source_file="Main.hs",
        tools=(Tool("ghc", ("ghc",)),),
        compile=("{ghc}", "-O0", "-o", "prog", "{src}"),
        outputs=("prog",),
        run=("./prog",),
        prepare=RenameMain(
            "Main.hs",
            r"^main\b",
            TESTS_MAIN,
            f"main :: IO ()\nmain = {TESTS_MAIN} >> getLine >>= putStr",
            occurrences=0,
        ),
        verdicts=Verdicts(assertion_markers=("Assertion failed", "assertion")),
        compile_cpu_s=120.0,
        host_dirs=("/var/lib/ghc",),  # Debian's GHC keeps its package database there
    )
)
