"""Starting the efficiency runner (sandbox/inside/efficiency_runner.py) and reading its report.

The runner, the codec it decodes inputs with, the program and the inputs travel as files; the
mode's settings go on stdin with a fresh nonce, and only report lines tagged with that nonce are
read back. A report ends with ["done"] when the runner finished its mode: without it, the process
ended early, and `execution` says how.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from execbench.core import Execution, Limits
from execbench.judge.runnable import python_argv
from execbench.sandbox import Sandbox
from execbench.sandbox.inside import efficiency_runner, plain
from execbench.sandbox.inside.efficiency_runner import (
    CODEC_FILE,
    INPUTS_FILE,
    PROGRAM_FILE,
    REPORT_TAG,
)

RUNNER_FILE = "efficiency_runner.py"
_SHIPPED = {
    RUNNER_FILE: Path(efficiency_runner.__file__).read_bytes(),
    CODEC_FILE: Path(plain.__file__).read_bytes(),
}
# Measurements made by another version of the runner are not reused.
RUNNER_DIGEST = hashlib.sha256(b"".join(_SHIPPED.values())).hexdigest()
# Outputs of large inputs come back whole, to be checked on this side.
REPORT_BYTES = 256 << 20


@dataclass(frozen=True)
class RunnerReport:
    events: list[list[Any]]
    done: bool
    execution: Execution


def run_runner(
    sandbox: Sandbox,
    limits: Limits,
    source: str,
    settings: dict[str, Any],
    inputs: Sequence[Sequence[Any]] | None = None,
) -> RunnerReport:
    """Run the runner in `settings["mode"]` over `source`, with `inputs` (encoded, per level)."""
    nonce = secrets.token_hex(16)
    files = {**_SHIPPED, PROGRAM_FILE: source.encode()}
    if inputs is not None:
        files[INPUTS_FILE] = json.dumps(inputs).encode()
    config = json.dumps({**settings, "nonce": nonce}) + "\n"
    limits = replace(limits, output_bytes=max(limits.output_bytes, REPORT_BYTES))
    execution = sandbox.run(python_argv(RUNNER_FILE, sandbox), limits, files, config.encode())
    prefix = f"{REPORT_TAG} {nonce} "
    events = []
    for line in execution.stdout.splitlines():
        if line.startswith(prefix):
            try:
                event = json.loads(line[len(prefix) :])
            except json.JSONDecodeError:
                break  # cut short by the output limit
            if isinstance(event, list) and event and isinstance(event[0], str):
                events.append(event)
    done = bool(events) and events[-1] == ["done"]
    return RunnerReport(events[:-1] if done else events, done, execution)
