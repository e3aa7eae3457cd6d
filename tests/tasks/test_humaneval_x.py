"""HumanEval-X through the real judge: references pass, a wrong completion does not."""

from __future__ import annotations

import pytest

from execbench.core import Limits, Program, ScriptTests, Status, UserError
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
    assert isinstance(task.tests, ScriptTests)
    good = judge_script_tests(
        task, Program(task.language, task.reference), sandbox, Limits(), artifact_cache
    )
    assert good.status is Status.PASSED, good.detail
    wrong = Program(task.language, task.completion_prefix + WRONG[language])
    bad = judge_script_tests(task, wrong, sandbox, Limits(), artifact_cache)
    assert bad.status in (Status.FAILED, Status.ERROR), bad.detail


def test_short_codes_select_the_language(data_dir) -> None:
    assert _tasks("js", data_dir)[0].task_id == "JavaScript/0"
    assert _tasks("rs", data_dir)[0].language == "rust"


def test_a_language_outside_the_benchmark_is_refused(data_dir) -> None:
    with pytest.raises(UserError, match="humaneval-x has no ruby tasks"):
        _tasks("ruby", data_dir)
