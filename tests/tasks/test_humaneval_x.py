"""HumanEval-X through the real judge: references pass, a wrong completion does not."""

from __future__ import annotations

import pytest

from execbench.core import AssertTests, Limits, Program, ScriptTests, Status, UserError
from execbench.judge import judge as judge_any
from execbench.judge.script_tests import judge_script_tests
from execbench.tasks import LoadOptions, get_benchmark
from tests.languages.toolchains import require_toolchain

# A completion that is valid code in each language but answers wrongly (HumanEval-X/0 returns a
# bool: has_close_elements).
WRONG = {
    "cpp": "    return false;\n}\n",
    "go": "    return false\n}\n",
    "java": "        return false;\n    }\n}\n",
    "javascript": "  return false\n}\n",
    "python": "    return False\n",
    "rust": "    return false;\n}\n",
}


def _tasks(language: str, data_dir):
    return get_benchmark("humaneval-x").load(LoadOptions(data_dir=data_dir, language=language))


@pytest.mark.parametrize("language", sorted(WRONG))
def test_reference_passes_and_wrong_completion_fails(language, data_dir, sandbox, artifact_cache):
    require_toolchain(language)
    tasks = _tasks(language, data_dir)
    assert len(tasks) == 164
    task = tasks[0]
    # Python's tests run in the trusted judge, as HumanEval's; the others' in the program.
    assert isinstance(task.tests, AssertTests if language == "python" else ScriptTests)
    good = judge(task, Program(task.language, task.reference), sandbox, Limits(), artifact_cache)
    assert good.status is Status.PASSED, good.detail
    wrong = Program(task.language, task.completion_prefix + WRONG[language])
    bad = judge(task, wrong, sandbox, Limits(), artifact_cache)
    assert bad.status in (Status.FAILED, Status.ERROR), bad.detail


def judge(task, program, sandbox, limits, cache):
    if isinstance(task.tests, ScriptTests):
        return judge_script_tests(task, program, sandbox, limits, cache)
    return judge_any(task, program, sandbox, limits)


# Attacks that forged a pass when the program ran prompt + completion + test as one script: the
# candidate echoes the run's nonce from stdin and leaves before the tests, or returns an object
# that equals everything.
FORGERIES = {
    "echo the nonce": (
        "    import os, sys\n    sys.stdout.write(sys.stdin.readline())\n"
        "    sys.stdout.flush()\n    os._exit(0)\n"
    ),
    "equal to everything": (
        "    class Yes:\n        def __eq__(self, other):\n            return True\n"
        "    return Yes()\n"
    ),
    "exit before the tests": "    raise SystemExit(0)\n",
}


@pytest.mark.parametrize("completion", list(FORGERIES.values()), ids=list(FORGERIES))
def test_a_python_candidate_cannot_forge_a_pass(completion, data_dir, sandbox):
    task = _tasks("python", data_dir)[0]
    program = Program("python", task.completion_prefix + completion)
    verdict = judge_any(task, program, sandbox, Limits(cpu_s=2.0, wall_s=10.0))
    assert not verdict.passed, verdict


def test_short_codes_select_the_language(data_dir) -> None:
    assert _tasks("js", data_dir)[0].task_id == "JavaScript/0"
    assert _tasks("rs", data_dir)[0].language == "rust"


def test_a_language_outside_the_benchmark_is_refused(data_dir) -> None:
    with pytest.raises(UserError, match="humaneval-x has no ruby tasks"):
        _tasks("ruby", data_dir)
