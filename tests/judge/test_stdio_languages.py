"""The stdio judge with programs in other languages: built once, run per case, checked.

C++ stands for every compiled language; C# and TypeScript build whole programs with templates of
their own (tests/cli/test_validate_languages.py covers Java, Go and Rust through the CLI).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from execbench.core import (
    Execution,
    Limits,
    Program,
    Status,
    StdioCase,
    StdioTests,
    Task,
    UnittestTests,
)
from execbench.judge import judge
from execbench.judge.build import ArtifactCache, Built
from execbench.judge.stdio_tests import judge_stdio_tests
from execbench.sandbox import PythonSession, Sandbox
from tests.judge.test_stdio_tests import SPLIT_CHECKER
from tests.languages.toolchains import require_toolchain

LIMITS = Limits(cpu_s=1, wall_s=5)
SUM_CASES = (StdioCase("1 2\n", "3\n"), StdioCase("10 -4\n", "6\n"), StdioCase("0 0\n", "0\n"))
CPP_SUM = (
    "#include <iostream>\n"
    'int main() { long a, b; std::cin >> a >> b; std::cout << (a %s b) << "\\n"; }\n'
)


class RecordingSandbox(Sandbox):
    """The real sandbox, with every command line it was asked to run written down."""

    name = "recording"

    def __init__(self, inner: Sandbox) -> None:
        self.inner = inner
        self.argvs: list[list[str]] = []

    def open_python(self, limits: Limits) -> PythonSession:
        return self.inner.open_python(limits)

    def run(
        self,
        argv: Sequence[str],
        limits: Limits,
        files: Mapping[str, bytes] | None = None,
        stdin: bytes = b"",
    ) -> Execution:
        self.argvs.append(list(argv))
        return self.inner.run(argv, limits, files, stdin)


class NoCache(ArtifactCache):
    """Never finds a build: every compile the judge asks for really happens."""

    def load(self, key: str) -> Built | None:
        return None


def task(cases=SUM_CASES, checker: str | None = None) -> Task:
    return Task("t", "own", "", StdioTests(cases=cases, checker=checker), reference="")


def verdict(language, source, sandbox, cache, cases=SUM_CASES, checker=None):
    require_toolchain(language)
    return judge_stdio_tests(
        task(cases, checker), Program(language, source), sandbox, LIMITS, cache
    )


@pytest.mark.parametrize(
    ("source", "status", "detail"),
    [
        (CPP_SUM % "+", Status.PASSED, ""),
        (CPP_SUM % "|", Status.FAILED, "case 2/3: wrong answer"),
        ("int main() { return missing; }\n", Status.COMPILE_ERROR, "missing"),
        ("int main() { return 3; }\n", Status.ERROR, "exit code 3"),
        ("int main() { for (;;) {} }\n", Status.TIMEOUT, "case 1/3"),
    ],
)
def test_a_cpp_program_is_judged_case_by_case(source, status, detail, sandbox, artifact_cache):
    result = verdict("cpp", source, sandbox, artifact_cache)
    assert result.status is status, result
    assert detail in result.detail


def test_the_program_is_compiled_once_for_all_its_cases(sandbox, tmp_path: Path):
    recording = RecordingSandbox(sandbox)
    result = verdict("cpp", CPP_SUM % "+", recording, NoCache(tmp_path))
    assert result.status is Status.PASSED and result.tests_run == 3
    compiler = require_toolchain("cpp").probe().paths["cxx"]
    compiles = [argv for argv in recording.argvs if compiler in argv]
    assert len(compiles) == 1 and len(recording.argvs) == 1 + len(SUM_CASES)


def test_a_trusted_python_checker_judges_a_cpp_program(sandbox, artifact_cache):
    cases = (StdioCase("10\n", ""), StdioCase("3\n", ""))
    split = '#include <cstdio>\nint main() { int n; scanf("%%d", &n); printf("%s", %s); }\n'
    right = split % ("%d %d\\n", "1, n - 1")
    wrong = split % ("%d %d\\n", "n, n")
    passed = verdict("cpp", right, sandbox, artifact_cache, cases, SPLIT_CHECKER)
    assert passed.status is Status.PASSED, passed
    failed = verdict("cpp", wrong, sandbox, artifact_cache, cases, SPLIT_CHECKER)
    assert failed.status is Status.FAILED and "checker: 10 + 10 != 10" in failed.detail


# Programs whose whole-program build differs from the language's test build.
OWN_TEMPLATES = {
    "csharp": (
        "using System;\nclass Program {\n    static void Main() {\n"
        "        var p = Console.ReadLine().Split();\n"
        "        Console.WriteLine(long.Parse(p[0]) %s long.Parse(p[1]));\n    }\n}\n"
    ),
    "typescript": (
        'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\n'
        "console.log(a %s b);\n"
    ),
}


@pytest.mark.parametrize("language", sorted(OWN_TEMPLATES))
def test_whole_programs_with_their_own_build_pass_and_fail(language, sandbox, artifact_cache):
    right = verdict(language, OWN_TEMPLATES[language] % "+", sandbox, artifact_cache)
    assert right.status is Status.PASSED, right
    wrong = verdict(language, OWN_TEMPLATES[language] % "*", sandbox, artifact_cache)
    assert wrong.status is Status.FAILED, wrong


def test_r_starts_with_its_site_configuration(sandbox, artifact_cache):
    # Without /etc/R, R prints a warning on stdout and starts without its stats package.
    program = 'x <- scan(file("stdin"), quiet = TRUE)\ncat(2 * stats::median(c(x, x)), "\\n")\n'
    result = verdict("r", program, sandbox, artifact_cache)
    assert result.status is Status.PASSED, result


def test_a_unittest_suite_judges_python_programs_only(sandbox):
    tests = UnittestTests(code="import unittest\n", test_classes=("T",))
    cpp_task = Task("t", "own", "", tests, reference="", language="cpp")
    result = judge(cpp_task, Program("cpp", "int main() {}\n"), sandbox, LIMITS)
    assert result.status is Status.SANDBOX_ERROR
    assert result.detail == "unittest test suites judge Python programs, not cpp"
