"""OCaml, run as a script by the toplevel as MultiPL-E does."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="ocaml",
        aliases=("ml",),
        fence_tags=("ml",),
        source_file="main.ml",
        tools=(Tool("ocaml", ("ocaml",), ("-version",)),),
        run=("{ocaml}", "{src}"),
        prepare=Append(
            "main.ml",
            ';;\nlet () = print_string (try input_line stdin with End_of_file -> "");;',
        ),
        verdicts=Verdicts(syntax_markers=("Syntax error",), assertion_markers=("Assert_failure",)),
    )
)
