"""Judging with tests written in the program's own language (MultiPL-E, HumanEval-X).

The language spec assembles program + tests + evidence; compiled languages are built once per
distinct program (judge/build.py); the run gets a fresh random nonce on standard input, and
judge/script_status.py reads how it ended.
"""

from __future__ import annotations

import secrets

from execbench.core import Limits, Program, ScriptTests, Task, Verdict
from execbench.judge.build import ArtifactCache
from execbench.judge.registry import register_judge
from execbench.judge.runnable import make_runnable
from execbench.judge.script_status import build_failure_verdict, script_verdict
from execbench.languages import get_language
from execbench.sandbox import Sandbox


@register_judge(ScriptTests)
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
    main = tests.main or spec.default_main
    prepared = spec.prepare(program.source, tests.code, main)
    ready = make_runnable(spec, prepared, limits, sandbox, cache, main, tests.build_flags)
    if isinstance(ready, Verdict):  # the build failed, or no toolchain: MultiPL-E's status too
        return build_failure_verdict(ready)
    nonce = secrets.token_hex(16)
    execution = sandbox.run(ready.argv, ready.limits, ready.files, stdin=f"{nonce}\n".encode())
    return script_verdict(execution, nonce, spec.verdicts, tests.quiet)
