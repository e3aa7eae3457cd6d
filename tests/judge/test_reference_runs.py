"""Expected results are kept on disk only from a reference run that finished every case, under a
key that also says how they were obtained; a run the sandbox broke gives no verdict at all."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from execbench.core import (
    CallCase,
    CallTests,
    Execution,
    Limits,
    Program,
    ReferenceOutputs,
    Status,
    Task,
)
from execbench.judge import judge, reference_outputs
from execbench.judge.reference_outputs import reference_limits, results_key
from execbench.sandbox.isolated import ForkPythonSession, NamespaceSandbox

LIMITS = Limits(cpu_s=5.0, wall_s=20.0)
N_CASES = 30
TASK = Task(
    task_id="t/0",
    benchmark="test",
    prompt="",
    tests=CallTests(
        entry_point="f",
        cases=tuple(CallCase((n,)) for n in range(N_CASES)),
        from_reference=ReferenceOutputs(),
    ),
    reference="def f(n):\n    return 2 * n\n",
)
# Right on the first ten cases only: judged on the few a broken run computed, it would pass.
WRONG = Program("python", "def f(n):\n    return 2 * n if n < 10 else 0\n")
RIGHT = Program("python", TASK.reference)


class FaultySandbox(NamespaceSandbox):
    """The namespace sandbox with an injected fault: the first session's process is killed from
    outside at its `kill_at`-th call; after that, if `then_broken`, no sandbox can be set up."""

    def __init__(self, kill_at: int, then_broken: bool) -> None:
        super().__init__()
        self.kill_at = kill_at
        self.then_broken = then_broken
        self.killed = False

    def open_python(self, limits: Limits) -> ForkPythonSession:
        if self.killed:
            return ForkPythonSession(self, limits)
        return _KilledAtCall(self, limits)

    def spawn(self, request, limits, roles, fds):
        if self.killed and self.then_broken:
            for fd in fds:
                os.close(fd)
            return Execution(exit_code=None, sandbox_error="sandbox setup failed: injected fault")
        return super().spawn(request, limits, roles, fds)


class _KilledAtCall(ForkPythonSession):
    _sandbox: FaultySandbox
    _calls = 0

    def call(self, name, args, kwargs, timeout_s=None):
        self._calls += 1
        if self._calls == self._sandbox.kill_at:
            self._child.kill()
            self._sandbox.killed = True
        return super().call(name, args, kwargs, timeout_s)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(reference_outputs, "_memory", {})
    return tmp_path / "execbench" / "expected"


@pytest.fixture
def healthy():
    box = NamespaceSandbox()
    yield box
    box.close()


def _stored_cases(cache: Path) -> list[list]:
    [stored] = cache.glob("*.json")
    return json.loads(stored.read_text())["cases"]


def test_a_reference_run_the_sandbox_broke_part_way_judges_nothing_and_is_never_kept(
    private_cache: Path, healthy: NamespaceSandbox
) -> None:
    faulty = FaultySandbox(kill_at=4, then_broken=True)
    try:
        broken = judge(TASK, WRONG, faulty, LIMITS)
    finally:
        faulty.close()
    assert broken.status is Status.SANDBOX_ERROR and "injected fault" in broken.detail
    assert not list(private_cache.glob("*.json"))
    # A later, clean run computes every case, keeps them all, and judges on all of them.
    assert judge(TASK, WRONG, healthy, LIMITS).status is Status.FAILED
    assert [case[0] for case in _stored_cases(private_cache)] == ["ok"] * N_CASES
    reference_outputs._memory.clear()
    assert judge(TASK, WRONG, healthy, LIMITS).status is Status.FAILED  # from the disk cache
    assert judge(TASK, RIGHT, healthy, LIMITS).passed


def test_a_case_the_reference_did_not_finish_is_left_out_of_that_run_only(
    private_cache: Path, healthy: NamespaceSandbox
) -> None:
    faulty = FaultySandbox(kill_at=4, then_broken=False)  # killed once, then restarted
    try:
        wrong_on_case_three = Program("python", "def f(n):\n    return 2 * n if n != 3 else 0\n")
        # Case 3 has no expected result in this run, so this one passes here...
        assert judge(TASK, wrong_on_case_three, faulty, LIMITS).passed
    finally:
        faulty.close()
    assert not list(private_cache.glob("*.json"))  # ...but that result is kept nowhere
    reference_outputs._memory.clear()
    assert judge(TASK, wrong_on_case_three, healthy, LIMITS).status is Status.FAILED
    assert len(_stored_cases(private_cache)) == N_CASES


class _OtherBackend(NamespaceSandbox):
    name = "other"


def test_the_key_says_how_the_results_were_obtained(monkeypatch: pytest.MonkeyPatch) -> None:
    ours, other = NamespaceSandbox(), _OtherBackend()
    session = reference_limits(LIMITS)
    key = results_key("task", ours, session)
    assert results_key("task", ours, session) == key
    assert results_key("another task", ours, session) != key
    assert results_key("task", other, session) != key
    assert results_key("task", ours, replace(session, memory_mb=1024)) != key
    monkeypatch.setattr(reference_outputs, "REFERENCE_CALL_S", 1.0)
    assert results_key("task", ours, session) != key
    monkeypatch.setattr(reference_outputs, "_runner_version", lambda: "another version")
    assert results_key("task", ours, session) != key
