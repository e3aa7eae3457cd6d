"""Racket. rackunit reports failed checks on standard error and still exits 0, so MultiPL-E (and
execbench) count any standard error output as a failure."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="racket",
        aliases=("rkt",),
        fence_tags=("rkt", "scheme"),
        source_file="main.rkt",
        tools=(Tool("racket", ("racket",)),),
        run=("{racket}", "{src}"),
        prepare=Append(
            "main.rkt",
            '(let ([line (read-line)]) (display (if (eof-object? line) "" line)))',
        ),
        verdicts=Verdicts(
            stderr_fails=True, syntax_markers=("read-syntax",), assertion_markers=("FAILURE",)
        ),
        run_memory_extra_mb=2048,
    )
)
