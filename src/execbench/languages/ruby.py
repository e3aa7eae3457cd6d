"""Ruby (test-unit installed for MultiPL-E's tests)."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="ruby",
        aliases=("rb",),
        fence_tags=("rb",),
        source_file="main.rb",
        tools=(Tool("ruby", ("ruby",)),),
        run=("{ruby}", "{src}"),
        prepare=Append("main.rb", "$stdout.write($stdin.gets.to_s)\n$stdout.flush"),
        verdicts=Verdicts(
            syntax_markers=("syntax error",), assertion_markers=("Failure:", "expected but was")
        ),
    )
)
