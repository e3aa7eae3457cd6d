"""Lua 5.4 (luaunit installed beside it for MultiPL-E's tests)."""

from execbench.languages.base import LanguageSpec, Tool, Verdicts, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="lua",
        aliases=(),
        source_file="main.lua",
        tools=(Tool("lua", ("lua5.4", "lua5.3", "lua"), ("-v",)),),
        run=("{lua}", "{src}"),
        prepare=Append("main.lua", 'io.write(io.read("l") or "")'),
        verdicts=Verdicts(assertion_markers=("expected:", "Failed tests", "FAIL")),
    )
)
