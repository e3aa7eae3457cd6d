"""The few ways a program and its in-language tests become a runnable whole, with evidence.

Every shape ends the same way: after the tests have run to completion, the program reads one line
from standard input (the judge's per-run nonce) and writes it to standard output. A program that
exits early, even with status 0, never prints it, so a pass needs the tests to have finished.
The nonce arrives only at run time, so it cannot be baked into the program or the built artifact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from execbench.languages.base import Prepared

TESTS_MAIN = "execbench_tests_main"


def _join(*parts: str) -> str:
    return "\n".join(parts) + "\n"


@dataclass(frozen=True)
class Append:
    """Scripts whose tests run top to bottom: the evidence statement goes after them."""

    source_file: str
    epilogue: str

    def __call__(self, source: str, tests: str, main: str | None) -> Prepared:
        return Prepared({self.source_file: _join(source, tests, self.epilogue)})


@dataclass(frozen=True)
class RenameMain:
    """Tests that bring their own `main`: it is renamed (in the tests only) and called from ours.

    `pattern` matches the tests' main declaration; `replacement` declares it under TESTS_MAIN;
    `entry` is our main, which calls TESTS_MAIN and then prints the nonce. A test main's return
    value is not consulted: the benchmarks' test mains fail by assertion, not by returning.
    """

    source_file: str
    pattern: str
    replacement: str
    entry: str
    occurrences: int = 1  # 0: every one (Haskell's signature and equation both name `main`)

    def __call__(self, source: str, tests: str, main: str | None) -> Prepared:
        renamed, count = re.subn(
            self.pattern, self.replacement, tests, count=self.occurrences, flags=re.M
        )
        if count == 0:  # tests without a main of their own: run them as top-level code
            return Prepared({self.source_file: _join(source, tests, self.entry)})
        return Prepared({self.source_file: _join(source, renamed, self.entry)})


@dataclass(frozen=True)
class Launcher:
    """Class-based languages: an extra class calls the program's entry class, then prints."""

    source_file: str
    launcher_file: str
    launcher: str  # `{main}` is the entry class
    default_main: str

    def __call__(self, source: str, tests: str, main: str | None) -> Prepared:
        launcher = self.launcher.replace("{main}", main or self.default_main)
        return Prepared({self.source_file: _join(source, tests), self.launcher_file: launcher})


@dataclass(frozen=True)
class Prelude:
    """A whole program with declarations put before it (TypeScript's for Node's globals)."""

    source_file: str
    prelude: str

    def __call__(self, source: str, tests: str = "", main: str | None = None) -> Prepared:
        return Prepared({self.source_file: _join(self.prelude, source)})


def c_family(source_file: str, header: str, parameters: str) -> RenameMain:
    """C and C++: the tests' `int main()` is renamed; ours runs it, then echoes the nonce."""
    return RenameMain(
        source_file,
        r"\bint\s+main\s*\(\s*(void)?\s*\)",
        f"int {TESTS_MAIN}({parameters})",
        f"#include <{header}>\nint main({parameters}) {{\n    {TESTS_MAIN}();\n"
        "    char line[256];\n    if (fgets(line, sizeof line, stdin)) fputs(line, stdout);\n"
        "    return 0;\n}",
    )
