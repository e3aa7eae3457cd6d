"""HumanEvalPack through the real judge in all six languages: canonical solutions pass, the buggy
ones fail, and a chat reply or a base model's completion is assembled as OctoPack assembles it.
(The whole set: bench/humanevalpack_premise.py; figures in docs/benchmark-notes.md.)"""

from __future__ import annotations

import pytest

from execbench.core import Limits, Program, Sample, SampleFormat, Status, Task, UserError
from execbench.extract import extract_program
from execbench.judge.script_tests import judge_script_tests
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.humanevalpack.benchmarks import records
from execbench.tasks.humanevalpack.programs import completion_end, go_program, rust_program
from execbench.tasks.humanevalpack.prompts import prompt_base
from tests.languages.toolchains import require_toolchain

LANGUAGES = ("python", "javascript", "java", "go", "cpp", "rust")
FENCES = {"python": "python", "javascript": "js", "java": "java", "go": "go", "cpp": "cpp"}
# Per language: has_close_elements (a bool), and string_xor (a string; Go imports nothing for it).
INDICES = (0, 11)


def _tasks(benchmark: str, language: str, data_dir) -> list[Task]:
    return get_benchmark(benchmark).load(LoadOptions(data_dir=data_dir, language=language))


def _judged(task: Task, source: str, sandbox, cache):
    assembled = task.assemble(source) if task.assemble else source
    return judge_script_tests(task, Program(task.language, assembled), sandbox, Limits(), cache)


@pytest.mark.parametrize("language", LANGUAGES)
def test_canonical_passes_buggy_fails_chat_reply_passes(
    language, data_dir, sandbox, artifact_cache
):
    require_toolchain(language)
    tasks = _tasks("humanevalfix", language, data_dir)
    raw = records(language, LoadOptions(data_dir=data_dir))
    assert len(tasks) == 164
    for index in INDICES:
        task, record = tasks[index], raw[index]
        assert task.task_id == record["task_id"]
        passed = _judged(task, task.reference, sandbox, artifact_cache)
        assert passed.status is Status.PASSED, (task.task_id, passed.detail)
        buggy = prompt_base(record, language, with_docs=False) + record["buggy_solution"]
        failed = _judged(task, buggy, sandbox, artifact_cache)
        assert not failed.passed, task.task_id
    # A chat model's whole program, in a fence among prose (its own main, imports, `use`s).
    task = tasks[0]
    fence = FENCES.get(language, language)
    reply = f"The bug is fixed:\n```{fence}\n{task.reference}\n```\nIt now passes."
    program = extract_program(task, Sample(task.task_id, 0, reply, SampleFormat.RESPONSE))
    verdict = _judged(task, program.source, sandbox, artifact_cache)
    assert verdict.status is Status.PASSED, verdict.detail


def test_rust_random_tests_are_seeded_and_still_random(data_dir, sandbox, artifact_cache):
    """Rust/32's canonical solution fails for most draws of its unseeded test; under the fixed
    seed it passes, every time. Rust/50's test makes a new generator per character: they must
    continue one stream, or every character is the same and the buggy solution passes."""
    require_toolchain("rust")
    tasks = _tasks("humanevalfix", "rust", data_dir)
    raw = records("rust", LoadOptions(data_dir=data_dir))
    for index in (32, 50):
        task, record = tasks[index], raw[index]
        assert "ExecbenchSeededRng" in task.tests.code and "thread_rng" not in task.tests.code
        passed = _judged(task, task.reference, sandbox, artifact_cache)
        assert passed.status is Status.PASSED, (task.task_id, passed.detail)
        buggy = prompt_base(record, "rust", with_docs=False) + record["buggy_solution"]
        assert not _judged(task, buggy, sandbox, artifact_cache).passed, task.task_id


# What a base model writes after the function, which OctoPack's harness cuts off.
TRAILERS = {
    "python": "\n\nprint(has_close_elements([1.0], 0.5))\nraise SystemExit(3)\n",
    "javascript": "\nconsole.log('extra output fails the JavaScript tests')\n",
    "java": "\n    public static void main(String[] args) { System.exit(3); }\n}\n",
}


@pytest.mark.parametrize("language", sorted(TRAILERS))
def test_a_completion_ends_where_octopack_ends_it(language, data_dir, sandbox, artifact_cache):
    require_toolchain(language)
    task = _tasks("humanevalsynthesize", language, data_dir)[0]
    record = records(language, LoadOptions(data_dir=data_dir))[0]
    solution = record["canonical_solution"]
    text = solution + TRAILERS[language]
    program = extract_program(task, Sample(task.task_id, 0, text, SampleFormat.COMPLETION))
    assert TRAILERS[language].strip()[:10] not in program.source
    verdict = _judged(task, program.source, sandbox, artifact_cache)
    assert verdict.status is Status.PASSED, verdict.detail


def test_completion_end_rules() -> None:
    assert completion_end("python", "    return 1\n\ndef other():\n    pass") == "    return 1\n"
    assert completion_end("cpp", "  if (a) { b; }\n  return 1;\n}\nint main(){}") == (
        "  if (a) { b; }\n  return 1;\n}"
    )
    assert completion_end("java", "  return 1;\n  }\n}\nclass X {}") == "  return 1;\n  }\n}"
    assert completion_end("go", "\treturn 1\n}\n// a comment\nfunc main() {}") == "\treturn 1\n}"
    assert completion_end("rust", "  1\n") == "  1\n"  # never closed: left as it is


def test_go_imports_what_the_code_uses_with_full_paths() -> None:
    setup = 'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n'
    code = 'package main\nimport "testing"\n// strings.Split in a comment\nfunc F() int {\n'
    code += "    return rand.Intn(2) + len(fmt.Sprint(1))\n}\n"
    program = go_program(setup, "\nfunc TestF(t *testing.T) {}\n", code)
    assert program.count('"testing"') == 1  # the code's own import, not the header's too
    assert program.count("package main") == 1
    assert 'import (\n    "fmt"\n    "math/rand"\n)\n' in program
    assert '"strings"' not in program


def test_rust_adds_main_and_the_declaration_lines_the_code_lacks() -> None:
    declaration = "\nuse std::cmp::max;\nuse rand::Rng;\nfn f(x: i32) -> i32{\n"
    program = rust_program(declaration, "use rand::Rng;\nfn f(x: i32) -> i32 { x }\nfn main() {}")
    assert program.startswith("use std::cmp::max;\nuse rand::Rng;\n")
    assert program.count("fn main()") == 1 and program.count("use rand::Rng;") == 1
    body_only = rust_program(declaration, "    x + 1\n}\n")
    assert body_only.startswith("fn main(){}\nuse std::cmp::max;")
    assert "fn f(x: i32) -> i32{\n    x + 1" in body_only


def test_prompts_and_ids(data_dir) -> None:
    fix = _tasks("humanevalfix", "rust", data_dir)[12]
    assert fix.task_id == "Rust/12"
    assert fix.prompt.startswith("fn main(){}")
    assert fix.prompt.endswith(fix.completion_prefix.rstrip())
    assert "Fix bugs in longest." in fix.metadata["chat"] and "#[test]" in fix.metadata["chat"]
    docs = _tasks("humanevalfix-docs", "python", data_dir)[0]
    assert '"""' in docs.metadata["chat"] and "def check" not in docs.metadata["chat"]
    explain = _tasks("humanevalexplain", "python", data_dir)[0]
    assert "at most 213 characters" in explain.prompt and explain.follow_up is not None
    with pytest.raises(UserError, match="humanevalsynthesize has no ruby tasks"):
        _tasks("humanevalsynthesize", "ruby", data_dir)


def test_the_go_tasks_broken_as_published_are_known(data_dir, sandbox, artifact_cache) -> None:
    """Go/10's declaration lacks the IsPalindrome helper: its canonical solution cannot compile
    from it (HumanEvalFix, reported as known by `validate`), while from the documented prompt
    (HumanEvalSynthesize) it passes."""
    require_toolchain("go")
    fix = _tasks("humanevalfix", "go", data_dir)[10]
    failed = _judged(fix, fix.reference, sandbox, artifact_cache)
    assert failed.status is Status.COMPILE_ERROR and "undefined: IsPalindrome" in failed.detail
    assert "IsPalindrome" in get_benchmark("humanevalfix").known_broken["Go/10"]
    synthesize = _tasks("humanevalsynthesize", "go", data_dir)[10]
    passed = _judged(synthesize, synthesize.reference, sandbox, artifact_cache)
    assert passed.status is Status.PASSED, passed.detail
