"""Judging with tests written in the program's own language (MultiPL-E, HumanEval-X).

The language spec assembles program + tests + evidence; compiled languages are built once per
distinct program (judge/build.py); the run gets a fresh random nonce on standard input, and
judge/script_status.py reads how it ended.
"""

from __future__ import annotations

import secrets

from execbench.core import Limits, Program, ScriptTests, Status, Task, Verdict
from execbench.judge.build import ARTIFACT, ArtifactCache, build
from execbench.judge.script_status import build_failure_verdict, script_verdict
from execbench.languages import expand, get_language
from execbench.sandbox import Sandbox

# Unpack the build next to the program's working files, then become the program.
_UNPACK = ("/bin/sh", "-c", f'tar -xf {ARTIFACT} && rm -f {ARTIFACT} && exec "$@"', "sh")


def judge_script_tests(
    task: Task,
    program: Program,
    sandbox: Sandbox,
    limits: Limits,
    cache: ArtifactCache | None = None,
) -> Verdict:
    tests = task.tests
    assert isinstance(tests, ScriptTests)
    spec = get_language(program.language)
    toolchain = spec.probe()
    if not toolchain.available:
        detail = f"no {spec.name} toolchain here: {toolchain.reason}"
        return Verdict(Status.SANDBOX_ERROR, detail, "ToolchainMissing")
    main = tests.main or spec.default_main
    prepared = spec.prepare(program.source, tests.code, main)
    values = {
        **toolchain.paths,
        "src": spec.source_file,
        "main": main or "",
        "heap_mb": str(limits.memory_mb),
    }
    run_argv = expand(spec.run, values) + list(prepared.run_extra)
    if spec.compile is None:
        files = {name: text.encode() for name, text in prepared.files.items()}
        argv = run_argv
    else:
        compile_argv = [*expand(spec.compile, values), *prepared.compile_extra, *tests.build_flags]
        built = build(spec, toolchain, compile_argv, prepared, sandbox, cache or ArtifactCache())
        if built.verdict is not None:
            return build_failure_verdict(built.verdict)
        files = {ARTIFACT: built.archive}
        argv = [*_UNPACK, *run_argv]
    nonce = secrets.token_hex(16)
    execution = sandbox.run(argv, spec.run_limits(limits), files, stdin=f"{nonce}\n".encode())
    return script_verdict(execution, nonce, spec.verdicts, tests.quiet)
