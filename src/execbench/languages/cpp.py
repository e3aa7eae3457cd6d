"""C++ with g++ (C++17; libcrypto linked for the md5 task of HumanEval-X)."""

from execbench.languages.base import LanguageSpec, Tool, register_language
from execbench.languages.shapes import TESTS_MAIN, RenameMain

register_language(
    LanguageSpec(
        name="cpp",
        aliases=("c++", "cxx"),
        source_file="main.cpp",
        tools=(Tool("cxx", ("g++", "clang++")),),
        compile=("{cxx}", "-std=c++17", "-o", "prog", "{src}", "-lcrypto"),
        outputs=("prog",),
        run=("./prog",),
        prepare=RenameMain(
            "main.cpp",
            r"\bint\s+main\s*\(\s*(void)?\s*\)",
            f"int {TESTS_MAIN}()",
            "#include <cstdio>\n"
            f"int main() {{\n    {TESTS_MAIN}();\n    char line[256];\n"
            "    if (std::fgets(line, sizeof line, stdin)) std::fputs(line, stdout);\n"
            "    return 0;\n}",
        ),
    )
)
