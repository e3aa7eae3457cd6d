"""What a language is to execbench: how its programs are assembled, built, run and read, and
how model text in it is recognised (fence tags, stop sequences, grammar, display name).

A `LanguageSpec` is a small frozen record; each language module builds one from the shared shapes
in `shapes.py` and registers it: everything else (judges, extractors, prompts) reads the spec, so
adding a language is adding one module. Command templates name tools by key (`{cc}`) and the files
they work on (`{src}`); the probe resolves the tools to absolute paths once per process, so the
sandboxed commands never depend on the sandbox's PATH. docs/languages.md lists the fields.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from execbench.core import Limits
from execbench.core.registry import Registry

# Where toolchains live besides the PATH (rustup puts its proxies under ~/.cargo/bin).
EXTRA_TOOL_DIRS = (Path.home() / ".cargo" / "bin", Path("/usr/local/go/bin"))


@dataclass(frozen=True)
class Tool:
    """One executable a language needs, found by name; `locate` may map it to the real binary."""

    key: str
    candidates: tuple[str, ...]
    version_args: tuple[str, ...] = ("--version",)
    version_line: str = r"\d"  # the first output line matching this names the version
    locate: Callable[[str], str] | None = None
    # A file the language needs besides the tool itself (a test library, a runtime jar).
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Toolchain:
    """The probe's answer: absolute tool paths and the version string, or why not."""

    available: bool
    version: str = ""
    paths: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""


@dataclass(frozen=True)
class Prepared:
    """A candidate program with its tests, ready to build: files plus any extra build flags."""

    files: Mapping[str, str]
    compile_extra: tuple[str, ...] = ()
    run_extra: tuple[str, ...] = ()
    # Template values the program itself decides (a Java program's file and class are named by
    # its public class); they override the spec's `{src}` and `{main}`.
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Commands:
    """A prepared program's expanded command lines: `compile` is None for interpreted languages."""

    compile: list[str] | None
    run: list[str]


@dataclass(frozen=True)
class LoneFile:
    """A complete program as one file, exactly as written (how most languages run stdio tasks)."""

    source_file: str

    def __call__(self, source: str, tests: str = "", main: str | None = None) -> Prepared:
        return Prepared({self.source_file: source})


@dataclass(frozen=True)
class WholeProgram:
    """How a complete program that reads standard input (a stdio task's) is built and run.

    A field left None is the spec's own: most languages build a lone program exactly as they build
    program + tests. Languages whose test build adds a launcher class or builds a test binary (Java,
    C#, Scala, Go) give their own templates here; `prepare` (default: the program as
    `source_file`) may name the file and entry point from the program (`Prepared.values`).
    """

    source_file: str | None = None
    compile: tuple[str, ...] | None = None
    run: tuple[str, ...] | None = None
    outputs: tuple[str, ...] | None = None
    prepare: Callable[[str, str, str | None], Prepared] | None = None


@dataclass(frozen=True)
class Grammar:
    """A tree-sitter grammar from its PyPI wheel: the module and the function giving the language
    pointer (`pip install execbench[treesitter]`; without it the language is not pruned)."""

    module: str
    function: str = "language"


@dataclass(frozen=True)
class WarmUp:
    """A program compiled once per toolchain to fill the compiler's own cache (`outputs`, paths
    under the build directory); every later build starts from a copy of what it left."""

    files: Mapping[str, str]
    outputs: tuple[str, ...]


@dataclass(frozen=True)
class Verdicts:
    """How MultiPL-E's evaluator for this language reads an ended run (see judge/script_status.py).

    `syntax_markers`: text in the output that makes a failed run a SyntaxError rather than an
    Exception (interpreted languages). `failure_markers`: text that makes even an exit status of 0
    an Exception (test libraries that report without failing the process). `stderr_fails`: any
    standard error output is an Exception. `assertion_markers`: text that says a test assertion
    failed (a wrong answer, execbench `failed`) rather than a crash (`error`).
    """

    syntax_markers: tuple[str, ...] = ()
    failure_markers: tuple[str, ...] = ()
    stderr_fails: bool = False
    assertion_markers: tuple[str, ...] = (
        "AssertionError",
        "assertion failed",
        "Assertion failed",
        "Assertion `",
    )


@dataclass(frozen=True)
class LanguageSpec:
    """One language. `prepare(program_source, test_code, main)` -> Prepared.

    `compile` is None for interpreted languages; otherwise it builds in the working directory and
    `outputs` lists the paths (files or directories) the run needs from that build. Templates may
    use `{src}` (the source file), `{main}` (the entry class or module), `{heap_mb}` and every
    tool key. `run_memory_extra_mb` is address space the runtime reserves without using (JVM,
    Mono, GHC): added to the memory limit so RLIMIT_AS does not kill a healthy runtime.

    How model text is read and written: `display_name` in prompts (default: the name,
    capitalised), `fence_tags` (besides the name) marking a fenced block as this language,
    `base_stops` ending a base model's completion, `grammar` for tree-sitter pruning.
    `whole_program` builds stdio tasks' programs (see `for_whole_programs`).
    """

    name: str
    aliases: tuple[str, ...]
    source_file: str
    tools: tuple[Tool, ...]
    run: tuple[str, ...]
    prepare: Callable[[str, str, str | None], Prepared]
    compile: tuple[str, ...] | None = None
    outputs: tuple[str, ...] = ()
    default_main: str | None = None
    warm_up: WarmUp | None = None
    verdicts: Verdicts = Verdicts()
    run_memory_extra_mb: int = 0
    compile_memory_mb: int = 4096
    compile_cpu_s: float = 60.0
    notes: str = ""
    display_name: str = ""
    fence_tags: tuple[str, ...] = ()
    base_stops: tuple[str, ...] = ("\n```",)
    grammar: Grammar | None = None
    whole_program: WholeProgram = WholeProgram()
    # Host directories its programs need besides its tools' own installations (a library of
    # crates, a package database): the sandbox shows them read-only.
    host_dirs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.display_name:
            object.__setattr__(self, "display_name", self.name.capitalize())

    @property
    def compiled(self) -> bool:
        return self.compile is not None

    @property
    def tags(self) -> frozenset[str]:
        """Every fence tag that marks a block as this language's, its name included."""
        return frozenset((self.name, *self.fence_tags))

    def for_whole_programs(self) -> LanguageSpec:
        """This language as it builds and runs a complete program alone (no tests, no evidence):
        the same spec with the `whole_program` file, templates and shape, and no warm-up."""
        shape = self.whole_program
        source_file = shape.source_file or self.source_file
        return replace(
            self,
            source_file=source_file,
            compile=shape.compile or self.compile,
            run=shape.run or self.run,
            outputs=shape.outputs or self.outputs,
            prepare=shape.prepare or LoneFile(source_file),
            default_main=None,
            warm_up=None,
        )

    def commands(
        self,
        toolchain: Toolchain,
        prepared: Prepared,
        main: str | None,
        heap_mb: int,
        build_flags: tuple[str, ...] = (),
    ) -> Commands:
        """The compile and run command lines for `prepared`, tools resolved by `toolchain`."""
        values = {
            **toolchain.paths,
            "src": self.source_file,
            "main": main or "",
            "heap_mb": str(heap_mb),
            **prepared.values,
        }
        run = expand(self.run, values) + list(prepared.run_extra)
        if self.compile is None:
            return Commands(None, run)
        return Commands([*expand(self.compile, values), *prepared.compile_extra, *build_flags], run)

    def probe(self) -> Toolchain:
        return probe_tools(self.tools)

    def compile_limits(self) -> Limits:
        return Limits.for_cpu(
            self.compile_cpu_s,
            memory_mb=self.compile_memory_mb,
            max_processes=512,
            file_size_mb=512,
            open_files=1024,
            output_bytes=256 << 20,
        )

    def run_limits(self, limits: Limits) -> Limits:
        return replace(limits, memory_mb=limits.memory_mb + self.run_memory_extra_mb)


def expand(template: tuple[str, ...], values: Mapping[str, str]) -> list[str]:
    """Fill `{key}` placeholders in each argument of a command template."""
    return [part.format_map(values) for part in template]


def locate_tool(tool: Tool) -> str | None:
    """The path commands run `tool` by, or None where it is not installed."""
    found = _find(tool.candidates)
    if found is None or tool.locate is None:
        return found
    return tool.locate(found)


def _find(candidates: tuple[str, ...]) -> str | None:
    for name in candidates:
        if name.startswith("/"):
            if Path(name).is_file():
                return name
            continue
        found = shutil.which(name)
        if found is None:
            extra = ":".join(str(directory) for directory in EXTRA_TOOL_DIRS)
            found = shutil.which(name, path=extra)
        if found is not None:
            return found
    return None


def _version_of(path: str, tool: Tool) -> str:
    try:
        done = subprocess.run(
            [path, *tool.version_args],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        text = (done.stdout + "\n" + done.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        text = ""
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if re.search(tool.version_line, line)), "")
    # Some tools have no version flag (tclsh, a jar): the installed file's own name says it.
    return first[:120] or Path(path).resolve().name


@functools.cache
def probe_tools(tools: tuple[Tool, ...]) -> Toolchain:
    """Find every tool; the first one's version names the toolchain. Cached per process."""
    paths: dict[str, str] = {}
    for tool in tools:
        found = locate_tool(tool)
        if found is None:
            return Toolchain(False, reason=f"{' or '.join(tool.candidates)} not found")
        missing = [path for path in tool.requires if not Path(path).exists()]
        if missing:
            return Toolchain(False, reason=f"{', '.join(missing)} not found")
        paths[tool.key] = found
    first = tools[0]
    return Toolchain(True, _version_of(paths[first.key], first), paths)


LANGUAGES: Registry[str, LanguageSpec] = Registry(
    "language",
    "execbench.languages",
    packages=("execbench.languages",),
    normalize=lambda name: name.strip().lower(),
)
# Fence tag -> language name, kept beside the registry by `register_language` (read by extract/;
# judge workers, which adopt languages without it, read no fences).
_TAGS: dict[str, str] = {}


def register_language(spec: LanguageSpec) -> LanguageSpec:
    """Make `spec` available under its name and short codes, and its fence tags its own."""
    for tag in sorted(spec.tags):
        owner = _TAGS.get(tag)
        if owner is not None and owner != spec.name:
            raise ValueError(f"fence tag {tag!r} claimed by {owner} and {spec.name}")
    LANGUAGES.register(spec.name, spec, aliases=spec.aliases)
    _TAGS.update(dict.fromkeys(spec.tags, spec.name))
    return spec
