"""Tcl (tclsh)."""

from execbench.languages.base import LanguageSpec, Tool, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="tcl",
        aliases=(),
        source_file="main.tcl",
        tools=(Tool("tclsh", ("tclsh", "tclsh8.6"), ("/dev/null",)),),
        run=("{tclsh}", "{src}"),
        prepare=Append("main.tcl", "puts -nonewline [gets stdin]"),
    )
)
