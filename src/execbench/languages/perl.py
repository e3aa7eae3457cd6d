"""Perl 5 (Test::Deep installed for MultiPL-E's tests). MultiPL-E also fails on "ERROR" output."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="perl",
        aliases=("pl",),
        fence_tags=("pl",),
        source_file="main.pl",
        tools=(Tool("perl", ("perl",), ("-e", 'print "perl $^V\\n"')),),
        run=("{perl}", "{src}"),
        prepare=Append("main.pl", 'print scalar(<STDIN>) // "";'),
        verdicts=Verdicts(failure_markers=("ERROR",), syntax_markers=("syntax error",)),
    )
)
