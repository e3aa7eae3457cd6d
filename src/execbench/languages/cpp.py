"""C++ with g++ (C++17; OpenSSL's libcrypto linked for the md5 task of HumanEval-X)."""

from execbench.languages.base import Grammar, LanguageSpec, Tool, register_language
from execbench.languages.shapes import c_family

register_language(
    LanguageSpec(
        name="cpp",
        aliases=("c++", "cxx"),
        display_name="C++",
        fence_tags=("c++", "cc", "cxx", "hpp", "h++"),
        grammar=Grammar("tree_sitter_cpp"),
        source_file="main.cpp",
        tools=(Tool("cxx", ("g++", "clang++")),),
        compile=("{cxx}", "-std=c++17", "-o", "prog", "{src}", "-lcrypto"),
        outputs=("prog",),
        run=("./prog",),
        prepare=c_family("main.cpp", "cstdio", ""),
    )
)
