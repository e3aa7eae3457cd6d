"""Elixir scripts (.exs) on the BEAM."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="elixir",
        aliases=("ex", "exs"),
        fence_tags=("ex", "exs"),
        source_file="main.exs",
        tools=(Tool("elixir", ("elixir",), version_line="Elixir"),),
        run=("{elixir}", "{src}"),
        prepare=Append(
            "main.exs",
            "case IO.read(:stdio, :line) do\n  line when is_binary(line) -> IO.write(line)\n"
            "  _ -> :ok\nend",
        ),
        verdicts=Verdicts(
            syntax_markers=("SyntaxError", "TokenMissingError"),
            assertion_markers=("Assertion with", "ExUnit.AssertionError"),
        ),
        run_memory_extra_mb=2048,
    )
)
