"""Running a program once, with no tests: the verdict says how it ended and carries the run.

The server's /v1/run and SandboxFusion-style /run_code are answered with it. The program, of any
registered language, is built as a stdio task's program is (judge/runnable.py: sandboxed, cached),
then run once with the task's stdin and files; nothing is compared. `passed` means it exited 0
within its limits; the other statuses are the judges' own (`error` for a non-zero exit or a
signal, `timeout`, `memory`, `compile_error`, `sandbox_error`).
"""

from __future__ import annotations

from dataclasses import dataclass

from execbench.core import Execution, LimitHit, Limits, Program, SingleRun, Status, Task, Verdict
from execbench.judge.build import ArtifactCache
from execbench.judge.outcome import ended_verdict
from execbench.judge.registry import register_judge
from execbench.judge.runnable import make_runnable
from execbench.languages import get_language
from execbench.sandbox import Sandbox


@dataclass(frozen=True)
class RunVerdict(Verdict):
    """`execution`: the run (None when the program never ran: it did not build, say);
    `compiled`: whether a build step came first (its failure is the verdict's detail)."""

    execution: Execution | None = None
    compiled: bool = False


@register_judge(SingleRun)
def judge_single_run(
    task: Task,
    program: Program,
    sandbox: Sandbox,
    limits: Limits,
    cache: ArtifactCache | None = None,
) -> Verdict:
    run = task.tests
    assert isinstance(run, SingleRun)
    spec = get_language(program.language).for_whole_programs()
    ready = make_runnable(spec, spec.prepare(program.source, "", None), limits, sandbox, cache)
    if isinstance(ready, Verdict):
        return RunVerdict(ready.status, ready.detail, ready.error_type, compiled=spec.compiled)
    files = {**run.files, **ready.files}  # the program's own files win over the caller's
    execution = sandbox.run(ready.argv, ready.limits, files, run.stdin)
    ended = _ended(execution)
    return RunVerdict(
        ended.status,
        ended.detail,
        cpu_s=execution.cpu_s,
        wall_s=execution.wall_s,
        execution=execution,
        compiled=spec.compiled,
    )


def _ended(execution: Execution) -> Verdict:
    if execution.sandbox_error or execution.limit_hit is not LimitHit.NONE or execution.signal:
        return ended_verdict(execution)
    if execution.exit_code == 0:
        return Verdict(Status.PASSED)
    return Verdict(Status.ERROR, f"exit code {execution.exit_code}")
