"""MultiPL-E through the real judge: a known-good and a known-bad completion per language.

MultiPL-E ships no reference solutions, so each language gets a hand-written completion of one
small problem (string length; PHP's is `add`, as PHP's built-in `strlen` cannot be redefined) and
a wrong one. In C++, C#, Java, Rust and Scala the tests themselves close the function. Languages
whose toolchain is missing are skipped with the reason.
"""

from __future__ import annotations

import pytest

from execbench.core import Limits, Program, Status, Task
from execbench.judge.script_tests import judge_script_tests
from execbench.tasks import LoadOptions, get_benchmark
from tests.languages.toolchains import require_toolchain

# language: (task, good completion, bad completion)
STRLEN = "HumanEval_23_strlen"
COMPLETIONS = {
    "cpp": (STRLEN, "    return string.size();\n", "    return 0;\n"),
    "csharp": (STRLEN, "        return str.Length;\n", "        return 0L;\n"),
    "d": (STRLEN, "{\n    return cast(long) string.length;\n}\n", "{\n    return 0;\n}\n"),
    "go": (STRLEN, "    return len(myString)\n}\n", "    return 0\n}\n"),
    "java": (STRLEN, "        return string.length();\n", "        return 0L;\n"),
    "javascript": (STRLEN, "  return string.length;\n}\n", "  return 0;\n}\n"),
    "typescript": (STRLEN, "  return string.length;\n}\n", "  return 0;\n}\n"),
    "lua": (STRLEN, "  return #string\nend\n", "  return 0\nend\n"),
    "php": (
        "HumanEval_53_add",
        "    return $x + $y;\n}\n",
        "    return $x - $y;\n}\n",
    ),
    "perl": (STRLEN, "    return length($string);\n}\n", "    return 0;\n}\n"),
    "r": (STRLEN, "  nchar(string)\n}\n", "  0\n}\n"),
    "ruby": (STRLEN, "  string.length\nend\n", "  0\nend\n"),
    "racket": (STRLEN, "  (string-length string))\n", "  0)\n"),
    "rust": (STRLEN, "    string.len() as isize\n", "    0\n"),
    "scala": (STRLEN, "        string.length.toLong\n", "        0L\n"),
    "bash": (STRLEN, '    echo "${#1}"\n', "    echo 0\n"),
    "swift": (STRLEN, "    return string.count\n", "    return 0\n"),
    "julia": (STRLEN, "    length(string)\nend\n", "    0\nend\n"),
}


def _task(language: str, task_id: str, data_dir) -> Task:
    options = LoadOptions(data_dir=data_dir, language=language)
    tasks = {task.task_id: task for task in get_benchmark("multipl-e").load(options)}
    return tasks[task_id]


@pytest.mark.parametrize("language", sorted(COMPLETIONS))
def test_good_passes_and_bad_fails(language: str, data_dir, sandbox, artifact_cache) -> None:
    require_toolchain(language)
    task_id, good, bad = COMPLETIONS[language]
    task = _task(language, task_id, data_dir)

    def verdict(completion: str):
        program = Program(language, task.completion_prefix + completion)
        return judge_script_tests(task, program, sandbox, Limits(), artifact_cache)

    passed = verdict(good)
    assert passed.status is Status.PASSED, passed.detail
    assert passed.native_status == "OK"
    failed = verdict(bad)
    assert failed.status in (Status.FAILED, Status.ERROR), failed.detail
    assert failed.native_status == "Exception"


def test_language_codes_select_the_same_file(data_dir) -> None:
    by_code = get_benchmark("multipl-e").load(LoadOptions(data_dir=data_dir, language="rs"))
    by_name = get_benchmark("multipl-e").load(LoadOptions(data_dir=data_dir, language="rust"))
    assert [task.task_id for task in by_code] == [task.task_id for task in by_name]
    assert len(by_code) == 156
