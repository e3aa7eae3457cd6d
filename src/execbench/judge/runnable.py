"""A prepared program of any registered language, made ready to start in the sandbox.

The language spec says how (files, compile and run templates); this module finds the toolchain,
builds a compiled language once through judge/build.py (sandboxed, cached by content, so the same
program compiles once however many times it runs), and hands back the command line and the files
each run starts from. The script judge and the stdio judge both start programs this way; the
trusted Python scripts execbench ships (a stdio checker, the unittest runner) take the Python
spec's own run command.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from execbench.core import Limits, Status, Verdict
from execbench.judge.build import ARTIFACT, ArtifactCache, build
from execbench.languages import LanguageSpec, Prepared, Toolchain, get_language
from execbench.sandbox import Sandbox
from execbench.sandbox.runtime import PythonRuntime

# Python's flag that keeps the program's directory off sys.path (languages/python.py).
SAFE_PATH = "-P"
# Unpack the build next to the program's working files, then become the program.
_UNPACK = ("/bin/sh", "-c", f'tar -xf {ARTIFACT} && rm -f {ARTIFACT} && exec "$@"', "sh")


@dataclass(frozen=True)
class Runnable:
    """What every run of one built program needs: command, files, and limits (the task's, plus
    the address space the language's runtime reserves)."""

    argv: list[str]
    files: dict[str, bytes]
    limits: Limits


def make_runnable(
    spec: LanguageSpec,
    prepared: Prepared,
    limits: Limits,
    sandbox: Sandbox,
    cache: ArtifactCache | None = None,
    main: str | None = None,
    build_flags: tuple[str, ...] = (),
) -> Runnable | Verdict:
    """`prepared` ready to run, or the verdict ending the sample (no toolchain, compile error)."""
    toolchain = _with_runtime(spec.probe(), sandbox.runtime)
    if not toolchain.available:
        detail = f"no {spec.name} toolchain here: {toolchain.reason}"
        return Verdict(Status.SANDBOX_ERROR, detail, "ToolchainMissing")
    commands = spec.commands(toolchain, prepared, main, limits.memory_mb, build_flags)
    run = _for_runtime(commands.run, toolchain, sandbox.runtime)
    run_limits = spec.run_limits(limits)
    if commands.compile is None:
        files = {name: text.encode() for name, text in prepared.files.items()}
        return Runnable(run, files, run_limits)
    built = build(spec, toolchain, commands.compile, prepared, sandbox, cache or ArtifactCache())
    if built.verdict is not None:
        return built.verdict
    return Runnable([*_UNPACK, *run], {ARTIFACT: built.archive}, run_limits)


def python_argv(script: str, sandbox: Sandbox) -> list[str]:
    """The command that runs one of execbench's own trusted Python scripts, given as `script`,
    with the Python `sandbox` runs programs with."""
    spec = get_language("python")
    prepared = Prepared({}, values={"src": script})
    toolchain = _with_runtime(spec.probe(), sandbox.runtime)
    run = spec.commands(toolchain, prepared, None, heap_mb=0).run
    return _for_runtime(run, toolchain, sandbox.runtime)


def _with_runtime(toolchain: Toolchain, runtime: PythonRuntime | None) -> Toolchain:
    """A benchmark's environment brings its own interpreter: it replaces the probed one."""
    if runtime is None or "python" not in toolchain.paths or not toolchain.available:
        return toolchain
    return replace(toolchain, paths={**toolchain.paths, "python": runtime.python})


def _for_runtime(run: list[str], toolchain: Toolchain, runtime: PythonRuntime | None) -> list[str]:
    """`run` as the environment's interpreter takes it: one older than 3.11 has no -P, and
    runs the program with its own directory first on sys.path (as the benchmark's harness
    on that Python does)."""
    if runtime is None or runtime.takes_safe_path or run[:1] != [toolchain.paths.get("python")]:
        return run
    return [run[0], *(part for part in run[1:] if part != SAFE_PATH)]
