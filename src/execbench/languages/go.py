"""Go: the tests are `go test` functions; the test binary is built once with `go test -c`.

GOPATH mode (Debian's Go 1.19 with /usr/share/gocode) gives HumanEval-X its testify package. cgo
stays enabled: the standard library's prebuilt archives match that setting, so they are reused.
Our TestMain runs the tests and prints the evidence only when they all passed. A whole program
(a stdio task's, `package main`) is built alone with `go build`.
"""

from __future__ import annotations

import re

from execbench.languages.base import (
    Grammar,
    LanguageSpec,
    Prepared,
    Tool,
    Verdicts,
    WarmUp,
    WholeProgram,
    register_language,
)

TEST_MAIN = """package {package}

import (
\t"io"
\t"os"
\t"testing"
)

func TestMain(m *testing.M) {
\tcode := m.Run()
\tif code == 0 {
\t\tio.Copy(os.Stdout, os.Stdin)
\t}
\tos.Exit(code)
}
"""


# Building testify and its dependencies takes seconds; the sandbox's HOME is the build directory,
# so Go's build cache lands in .cache/go-build there, and is seeded from this warm-up's.
WARM_UP = WarmUp(
    {
        "main_test.go": (
            'package main\n\nimport (\n\t"testing"\n\n\t"github.com/stretchr/testify/assert"\n)'
            "\n\nfunc TestWarmUp(t *testing.T) { assert.True(t, true) }\n"
        )
    },
    outputs=(".cache/go-build",),
)


def prepare(source: str, tests: str, main: str | None) -> Prepared:
    found = re.search(r"^\s*package\s+(\w+)", source, flags=re.M)
    package = found.group(1) if found else "main"
    return Prepared(
        {
            "main_test.go": f"{source}\n{tests}\n",
            "execbench_main_test.go": TEST_MAIN.replace("{package}", package),
        }
    )


# GOPATH mode, with HumanEval-X's packages; version control stamping off (there is no checkout).
GO = ("{env}", "GO111MODULE=off", "GOPATH=/usr/share/gocode", "GOFLAGS=-buildvcs=false", "{go}")

register_language(
    LanguageSpec(
        name="go",
        aliases=("golang",),
        fence_tags=("golang",),
        grammar=Grammar("tree_sitter_go"),
        source_file="main_test.go",
        tools=(Tool("go", ("go",), ("version",)), Tool("env", ("env",))),
        compile=(*GO, "test", "-c", "-o", "prog.test", "."),
        outputs=("prog.test",),
        run=("./prog.test",),
        prepare=prepare,
        warm_up=WARM_UP,
        verdicts=Verdicts(failure_markers=("FAIL",), assertion_markers=("--- FAIL",)),
        whole_program=WholeProgram(
            source_file="main.go",
            compile=(*GO, "build", "-o", "prog", "."),
            run=("./prog",),
            outputs=("prog",),
        ),
    )
)
