"""MultiPL-E (Cassano et al. 2023): HumanEval translated into 18 languages, tests in each language.

A program is prompt + completion + tests, as in MultiPL-E; the verdict follows MultiPL-E's own
per-language evaluators (see judge/script_status.py), its status kept in `Verdict.native_status`.
MultiPL-E ships no reference solutions, so `reference` is empty and `validate` cannot reach 1.0.

Two test shapes end the process themselves, before execbench's evidence could be printed; they
are rewritten to the same semantics with a normal ending: Lua's `os.exit(lu.LuaUnit.run())` exits
only on failure, and Ruby's test-unit runs explicitly instead of from its exit hook.
"""

from __future__ import annotations

from execbench.core import ScriptTests, Task, UserError
from execbench.languages import canonical_name
from execbench.tasks.base import Benchmark, LoadOptions
from execbench.tasks.jsonl import read_jsonl, require
from execbench.tasks.registry import register_benchmark
from execbench.tasks.sources import DataFile, resolve

_REPO = "https://github.com/deepseek-ai/DeepSeek-Coder/raw/2f9fd85927c669dae3c0fbb2d607274023af243e"
# execbench language -> (file code, sha256)
_FILES = {
    "cpp": ("cpp", "8717eabdf202137158c84506144b0fb1e73d5ecccbe5363ec79009ca014df629"),
    "csharp": ("cs", "1c3fe18be10addc2d0b96311f4db192ae3232e08628d17768d889d6ab87be224"),
    "d": ("d", "226938c015f90d713a3e30d8f174f4a6d2c88820cf50512379a16890dda70332"),
    "go": ("go", "7f5dfe3ff001049b1221e9d21a8119b5cbc38eb87c97fefc5d57fa7adc1df888"),
    "java": ("java", "b21b015763452ec4f9f4e0e6425148ec331ace4da1232c8b4d441186185f6265"),
    "julia": ("jl", "ef21bd920889c9c1ab0e87a825cc26bd895e7a715f569f8ba7de577f870b6815"),
    "javascript": ("js", "634e2eee8d6e22de07c121b972207683dd96be76256bf44bdfc1a3386b739287"),
    "lua": ("lua", "d2e91f3603f6aee63db2c2d5754d165397603a8c9bd6130842af7988b27a96fc"),
    "php": ("php", "bebd86875b1d8e65a8b7e692ed7bdf64612b44aa388825ea4dab40c7047c786b"),
    "perl": ("pl", "949048bff3eaea7ae47cd5759042c088a7c227d53c74fe95a80728fd5aefbf77"),
    "r": ("r", "c2a3268ea54d2bfb8ce65bb2c808437ac0d9934c6caf99fcf75d6b6a4fb3f911"),
    "ruby": ("rb", "4204395b835019e32d55513325a0fad01c6d382fd1eb97b516f0458d00058302"),
    "racket": ("rkt", "083325daf55daf431ae6d6d17cf017afb18a6ec790d4c841b7c2b4752c5807ff"),
    "rust": ("rs", "e33f562838e973b7e6b8d76dbc1fb84b076d7426629b4cdc624f12678778d2fa"),
    "scala": ("scala", "482b72a16613a563755d642e37792da68471399789b069fba5b1249e831445f3"),
    "bash": ("sh", "2f702106e9ce4aa7385de568d9248d6c57c90382d782b162cb9e072fbd01ccf8"),
    "swift": ("swift", "e4418d6f532e4298969e727690cda80dc88b94e4abf836f8ff79ac18a737eaaa"),
    "typescript": ("ts", "4b1af1050c9f226335d54a8c80553c39454a525cace3e67bdcfcc9092ba02637"),
}
# The class holding `main` in MultiPL-E's class-based translations.
_MAIN_CLASS = {"java": "Problem", "csharp": "Problem", "scala": "Problem"}

LUA_EXIT = "os.exit(lu.LuaUnit.run())"
LUA_FALL_THROUGH = (
    "local execbench_failures = lu.LuaUnit.run()\n"
    "if execbench_failures ~= 0 then os.exit(execbench_failures) end"
)
RUBY_RUN = (
    "\nTest::Unit::AutoRunner.need_auto_run = false\n"
    "exit(false) unless Test::Unit::AutoRunner.run\n"
)


def _tests_for(language: str, tests: str) -> str:
    if language == "lua":
        return tests.replace(LUA_EXIT, LUA_FALL_THROUGH)
    if language == "ruby" and "test/unit" in tests:
        return tests + RUBY_RUN
    return tests


def data_file(language: str) -> DataFile:
    code, digest = _FILES[language]
    path = f"multipl-e-humaneval/humaneval-{code}.jsonl"
    return DataFile(
        relpath=path,
        sha256=frozenset({digest}),
        url=f"{_REPO}/Evaluation/HumanEval/data/humaneval-{code}.jsonl",
        license="MIT",
    )


@register_benchmark
class MultiPLE(Benchmark):
    name = "multipl-e"
    description = "MultiPL-E HumanEval: 154-161 problems in each of 18 languages (2023 snapshot)"
    languages = tuple(_FILES)
    data_version = "DeepSeek-Coder@2f9fd85"

    def load(self, options: LoadOptions) -> list[Task]:
        if options.language is None:
            raise UserError(f"multipl-e needs --language, one of {', '.join(_FILES)}")
        language = canonical_name(options.language)
        if language not in _FILES:
            raise UserError(
                f"multipl-e has no {language} tasks; choose --language from {', '.join(_FILES)}"
            )
        path = resolve(data_file(language), options)
        tasks = []
        for line, record in read_jsonl(path):
            prompt = require(record, "prompt", path, line)
            tests = _tests_for(language, require(record, "tests", path, line))
            tasks.append(
                Task(
                    task_id=require(record, "name", path, line),
                    benchmark=self.name,
                    prompt=prompt,
                    tests=ScriptTests(tests, main=_MAIN_CLASS.get(language)),
                    reference="",
                    language=language,
                    completion_prefix=prompt,
                    metadata={"stop_tokens": tuple(record.get("stop_tokens", ()))},
                )
            )
        return tasks
