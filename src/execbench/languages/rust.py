"""Rust with rustc. Two test shapes: a `fn main` of asserts (MultiPL-E), or `#[test]` functions
(HumanEval-X), built with `--test` and run one at a time, the evidence test sorting last.

HumanEval-X's declarations import the `rand`, `regex` and `md5` crates. When
scripts/install-toolchains.sh has built them (from Debian's packaged crate sources) they are
passed with `--extern`; without them, programs that import those crates fail to compile.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from execbench.languages.base import (
    Grammar,
    LanguageSpec,
    Prepared,
    Tool,
    Verdicts,
    WholeProgram,
    register_language,
)
from execbench.languages.shapes import TESTS_MAIN, RenameMain

CRATES_DIR = Path("/opt/execbench/rust-crates/target/release/deps")
CRATES = ("rand", "regex", "md5")

_main_shape = RenameMain(
    "main.rs",
    r"\bfn\s+main\s*\(\s*\)",
    f"fn {TESTS_MAIN}()",
    f"fn main() {{\n    {TESTS_MAIN}();\n    let mut line = String::new();\n"
    "    let _ = std::io::stdin().read_line(&mut line);\n"
    '    print!("{}", line.trim_end());\n}',
)

EVIDENCE_TEST = (
    "#[test]\nfn zzzz_execbench_evidence() {\n    let mut line = String::new();\n"
    "    let _ = std::io::stdin().read_line(&mut line);\n"
    '    print!("{}", line.trim_end());\n}'
)


def _real_rustc(proxy: str) -> str:
    """rustup's proxy needs the user's home; the sandbox gets the toolchain's own binary."""
    try:
        sysroot = subprocess.run(
            [proxy, "--print", "sysroot"], capture_output=True, text=True, timeout=60, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return proxy
    real = Path(sysroot) / "bin" / "rustc"
    return str(real) if real.is_file() else proxy


def crate_flags() -> tuple[str, ...]:
    flags: list[str] = []
    for crate in CRATES:
        found = sorted(CRATES_DIR.glob(f"lib{crate}-*.rlib"))
        if found:
            flags += ["--extern", f"{crate}={found[-1]}"]
    return ("-L", f"dependency={CRATES_DIR}", *flags) if flags else ()


def prepare(source: str, tests: str, main: str | None) -> Prepared:
    if "#[test]" in tests:
        text = f"{source}\n{tests}\n{EVIDENCE_TEST}\n"
        return Prepared(
            {"main.rs": text},
            compile_extra=("--test", *crate_flags()),
            run_extra=("--test-threads=1", "--nocapture", "-q"),
        )
    prepared = _main_shape(source, tests, main)
    return Prepared(prepared.files, compile_extra=crate_flags())


def whole_program(source: str, tests: str = "", main: str | None = None) -> Prepared:
    """A complete program (a stdio task's), with the installed crates as MultiPL-E's shape has."""
    return Prepared({"main.rs": source}, compile_extra=crate_flags())


register_language(
    LanguageSpec(
        name="rust",
        aliases=("rs",),
        fence_tags=("rs",),
        grammar=Grammar("tree_sitter_rust"),
        source_file="main.rs",
        tools=(Tool("rustc", ("rustc",), locate=_real_rustc),),
        # Without std's debug info a test binary is 1 MB instead of 7: cheaper to cache and ship.
        compile=("{rustc}", "-C", "strip=debuginfo", "-o", "prog", "{src}"),
        outputs=("prog",),
        run=("./prog",),
        prepare=prepare,
        verdicts=Verdicts(assertion_markers=("assertion", "test result: FAILED")),
        whole_program=WholeProgram(prepare=whole_program),
        host_dirs=(str(CRATES_DIR),),
    )
)
