"""A sandbox registered by a call in the harness reaches the judge workers (fresh processes).

Each test runs a user's script in a subprocess, from another directory than the script's own (so
the workers find the script's modules only through the import path the pool hands them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LOGGING_SANDBOX = """
    import os
    import sys

    from execbench.sandbox.process import ProcessSandbox


    class LoggingSandbox(ProcessSandbox):
        '''The process backend, noting each session it opens and the process that opened it.'''

        def open_python(self, limits):
            with open(os.environ["SANDBOX_LOG"], "a") as log:
                log.write(f"{os.getpid()} {sys.argv[0]}\\n")
            return super().open_python(limits)
"""

JUDGE_ONE = """
    import asyncio
    import os

    from execbench.core import CallCase, CallTests, Limits, Program, Task
    from execbench.engine.pool import JudgePool
    from execbench.sandbox import register_sandbox

    {registration}

    task = Task(
        "t/0", "t", "", CallTests("add", (CallCase((1, 2), 3),)), "", entry_point="add"
    )
    pool = JudgePool({{"t/0": task}}, "logging", 1)
    try:
        right = Program("python", "def add(a, b):\\n    return a + b\\n")
        wrong = Program("python", "def add(a, b):\\n    return a - b\\n")
        verdicts = [asyncio.run(pool.judge("t/0", p, Limits())) for p in (right, wrong)]
    finally:
        pool.close()
    print(os.getpid(), *(verdict.status for verdict in verdicts))
"""


def run_script(tmp_path: Path, registration: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "logging_sandbox.py").write_text(textwrap.dedent(LOGGING_SANDBOX))
    script = scripts / "judge_one.py"
    body = textwrap.dedent(JUDGE_ONE).format(registration=textwrap.dedent(registration).strip())
    script.write_text(body)
    log = tmp_path / "sessions.log"
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={**os.environ, "SANDBOX_LOG": str(log)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result, log


def test_a_sandbox_registered_in_the_harness_judges_in_the_workers(tmp_path) -> None:
    result, log = run_script(
        tmp_path,
        """
        from logging_sandbox import LoggingSandbox

        register_sandbox("logging", LoggingSandbox)
        """,
    )
    assert result.returncode == 0, result.stderr
    harness_pid, *statuses = result.stdout.split()
    assert statuses == ["passed", "failed"]
    sessions = [line.split() for line in log.read_text().splitlines()]
    assert len(sessions) >= 2  # one per program at least
    for pid, program in sessions:
        assert pid != harness_pid
        assert program.endswith("engine/worker.py")


@pytest.mark.parametrize(
    ("registration", "reason"),
    [
        (
            """
            from logging_sandbox import LoggingSandbox

            class ScriptSandbox(LoggingSandbox):
                pass

            register_sandbox("logging", ScriptSandbox)
            """,
            "ScriptSandbox is defined in the __main__ script",
        ),
        (
            """
            from logging_sandbox import LoggingSandbox

            register_sandbox("logging", lambda: LoggingSandbox())
            """,
            "<lambda> is defined in the __main__ script",
        ),
    ],
    ids=["class-in-main", "lambda"],
)
def test_what_cannot_reach_the_workers_is_refused_before_any_starts(
    tmp_path, registration, reason
) -> None:
    result, log = run_script(tmp_path, registration)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(
        "execbench.core.errors.UserError: sandbox 'logging' was registered in this process only "
        "and cannot be sent to the judge workers"
    )
    assert reason in last_line
    assert "entry-point group execbench.sandboxes" in last_line
    assert not log.exists()
