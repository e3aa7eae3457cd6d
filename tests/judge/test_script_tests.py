"""The in-language test judge: evidence of completion, compile once, compile errors, limits."""

from __future__ import annotations

import pytest

from execbench.core import Limits, Program, ScriptTests, Status, Task
from execbench.judge.script_tests import judge_script_tests
from tests.languages.toolchains import require_toolchain

# Languages outside MultiPL-E's set (tested in tests/tasks/test_multipl_e.py): a function, tests
# that call it, and a right and a wrong body.
PROGRAMS = {
    "c": (
        "int add(int a, int b) { return a %s b; }\n",
        "#include <assert.h>\nint main(void) { assert(add(1, 2) == 3); return 0; }\n",
    ),
    "python": ("def add(a, b):\n    return a %s b\n", "assert add(1, 2) == 3\n"),
    "kotlin": (
        "fun add(a: Int, b: Int): Int = a %s b\n",
        "fun main() { if (add(1, 2) != 3) throw AssertionError() }\n",
    ),
    "haskell": (
        "add :: Int -> Int -> Int\nadd a b = a %s b\n",
        'main :: IO ()\nmain = if add 1 2 == 3 then pure () else error "wrong"\n',
    ),
    "ocaml": ("let add a b = a %s b\n", "let () = assert (add 1 2 = 3)\n"),
    "elixir": (
        "defmodule M do\n  def add(a, b), do: a %s b\nend\n",
        'if M.add(1, 2) != 3, do: raise "wrong"\n',
    ),
    "clojure": ("(defn add [a b] (%s a b))\n", "(assert (= (add 1 2) 3))\n"),
    "tcl": (
        "proc add {a b} { return [expr {$a %s $b}] }\n",
        "if {[add 1 2] != 3} { error wrong }\n",
    ),
}


def _judge(language, source, tests, sandbox, cache, limits=None):
    task = Task("t/0", "test", "", tests, "", language=language)
    return judge_script_tests(task, Program(language, source), sandbox, limits or Limits(), cache)


@pytest.mark.parametrize("language", sorted(PROGRAMS))
def test_right_program_passes_wrong_one_fails(language, sandbox, artifact_cache) -> None:
    require_toolchain(language)
    body, tests = PROGRAMS[language]
    good = _judge(language, body % "+", ScriptTests(tests), sandbox, artifact_cache)
    assert good.status is Status.PASSED, good.detail
    bad = _judge(language, body % "-", ScriptTests(tests), sandbox, artifact_cache)
    assert bad.status in (Status.FAILED, Status.ERROR), bad.detail


@pytest.mark.parametrize(
    ("language", "source"),
    [
        ("python", "import os\ndef add(a, b):\n    os._exit(0)\n"),
        ("cpp", "#include <cstdlib>\n#include <cassert>\nint add(int, int) { std::exit(0); }\n"),
    ],
)
def test_exiting_zero_before_the_tests_end_is_no_pass(language, source, sandbox, artifact_cache):
    """MultiPL-E calls this OK (exit status 0); execbench wants the evidence and says failed."""
    require_toolchain(language)
    tests = (
        PROGRAMS["python"][1]
        if language == "python"
        else "int main() { assert(add(1, 2) == 3); }\n"
    )
    verdict = _judge(language, source, ScriptTests(tests), sandbox, artifact_cache)
    assert verdict.status is Status.FAILED
    assert verdict.error_type == "NoEvidence"
    assert verdict.native_status == "OK"


def test_printing_a_guess_of_the_nonce_is_no_pass(sandbox, artifact_cache) -> None:
    require_toolchain("python")
    source = "import sys\ndef add(a, b):\n    print('0' * 32)\n    sys.exit(0)\n"
    verdict = _judge("python", source, ScriptTests(PROGRAMS["python"][1]), sandbox, artifact_cache)
    assert verdict.status is Status.FAILED


def test_same_program_compiles_once(sandbox, tmp_path) -> None:
    require_toolchain("cpp")
    from execbench.judge.build import ArtifactCache

    cache = ArtifactCache(tmp_path / "cache")
    source = "#include <cassert>\nint twice(int x) { return 2 * x; }\n"
    tests = ScriptTests("int main() { assert(twice(2) == 4); }\n")
    first = _judge("cpp", source, tests, sandbox, cache)
    archives = list((tmp_path / "cache").rglob("*.tar"))
    assert first.status is Status.PASSED and len(archives) == 1
    stamp = archives[0].stat().st_mtime_ns
    second = _judge("cpp", source, tests, sandbox, cache)
    assert second.status is Status.PASSED
    assert list((tmp_path / "cache").rglob("*.tar")) == archives
    assert archives[0].stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_compile_error_is_its_own_status(sandbox, artifact_cache) -> None:
    require_toolchain("rust")
    tests = ScriptTests("fn main() { assert_eq!(add(1, 2), 3); }\n")
    verdict = _judge(
        "rust", "fn add(a: i32, b: i32) -> i32 { a + }\n", tests, sandbox, artifact_cache
    )
    assert verdict.status is Status.COMPILE_ERROR
    assert verdict.native_status == "SyntaxError"
    assert "error" in verdict.detail


def test_endless_loop_in_a_compiled_program_times_out(sandbox, artifact_cache) -> None:
    require_toolchain("cpp")
    source = "int spin() { volatile unsigned long n = 0; for (;;) n++; return 0; }\n"
    tests = ScriptTests("int main() { return spin(); }\n")
    limits = Limits(cpu_s=1.0, wall_s=3.0)
    verdict = _judge("cpp", source, tests, sandbox, artifact_cache, limits)
    assert verdict.status is Status.TIMEOUT
    assert verdict.native_status == "Timeout"


def test_runaway_compiler_output_is_contained(sandbox, artifact_cache) -> None:
    """A C++ template bomb: the compiler is stopped by its limits, and the verdict says so."""
    require_toolchain("cpp")
    source = (
        "template <int N> struct B { enum { v = B<N - 1>::v + B<N - 2>::v }; };\n"
        "template <> struct B<0> { enum { v = 0 }; };\n"
        "template <> struct B<1> { enum { v = 1 }; };\n"
        "int f() { return B<100000>::v; }\n"
    )
    tests = ScriptTests("int main() { return f() == 0; }\n")
    verdict = _judge("cpp", source, tests, sandbox, artifact_cache)
    assert verdict.status in (Status.COMPILE_ERROR, Status.TIMEOUT)
    assert verdict.status is not Status.PASSED


def test_missing_toolchain_is_reported_not_failed(sandbox, artifact_cache) -> None:
    from execbench.languages import get_language

    if get_language("swift").probe().available:
        pytest.skip("swift is installed here: nothing missing to report")
    verdict = _judge("swift", "", ScriptTests(""), sandbox, artifact_cache)
    assert verdict.status is Status.SANDBOX_ERROR
    assert "swift" in verdict.detail
