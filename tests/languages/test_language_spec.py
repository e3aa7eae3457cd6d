"""Everything execbench knows of a language is on its spec: one module adds a language to fences,
prompts and the stdio judge; whole programs get their own files and entry points."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from execbench.extract import treesitter
from execbench.languages import (
    LanguageSpec,
    LoneFile,
    Tool,
    all_languages,
    get_language,
    register_language,
)
from execbench.languages.java import whole_program as java_program
from execbench.languages.scala import whole_program as scala_program
from tests.conftest import REPO_ROOT

# A language execbench does not ship, added the documented way: the module docs/languages.md shows.
LANGUAGES_DOC = REPO_ROOT / "docs" / "languages.md"


def documented_module() -> str:
    text = LANGUAGES_DOC.read_text()
    return text.split("```python\n", 1)[1].split("```", 1)[0]


# What the rest of execbench makes of it, printed as JSON by a fresh interpreter (the registry
# of this test process stays as it was).
PROBE = """
import importlib.util
import json
import awk_language
from execbench.core import Limits, Program, StdioCase, StdioTests, Task
from execbench.extract.fences import fenced_blocks
from execbench.judge import judge
from execbench.prompts.build import PromptStyle, build_prompt
from execbench.sandbox import make_sandbox

tests = StdioTests(cases=(StdioCase("1 2\\n", "3\\n"), StdioCase("40 2\\n", "42\\n")))
task = Task("t", "own", "Print a + b.", tests, reference="", language="awk")
def status(source):
    return str(judge(task, Program("awk", source), make_sandbox(), Limits(cpu_s=2)).status)
print(json.dumps({
    "fence": [block.language for block in fenced_blocks("```gawk\\n{ print }\\n```\\n")],
    "chat": build_prompt(task, PromptStyle.CHAT).messages[0].content,
    "stops": build_prompt(task, PromptStyle.BASE).stop,
    "right": status("{ print $1 + $2 }"),
    "wrong": status("{ print $1 * $2 }"),
}))
"""


def test_a_language_added_as_one_module_is_read_judged_and_prompted(tmp_path: Path) -> None:
    (tmp_path / "awk_language.py").write_text(documented_module())
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["fence"] == ["awk"]
    assert "Solve the following problem in AWK" in seen["chat"] and "```awk" in seen["chat"]
    assert seen["stops"] == ["\n```"]
    assert (seen["right"], seen["wrong"]) == ("passed", "failed")


def test_importing_one_language_module_hides_no_other() -> None:
    # This module imported java and scala first; the registry still finds every language.
    assert get_language("cpp").name == "cpp" and len(all_languages()) >= 20


def test_a_fence_tag_belongs_to_one_language() -> None:
    clash = LanguageSpec(
        name="cplusplus",
        aliases=(),
        fence_tags=("hpp",),
        source_file="main.cc",
        tools=(Tool("cxx", ("g++",)),),
        run=("./prog",),
        prepare=LoneFile("main.cc"),
    )
    assert "hpp" in get_language("cpp").fence_tags
    with pytest.raises(ValueError, match="fence tag 'hpp' claimed by cpp and cplusplus"):
        register_language(clash)
    with pytest.raises(Exception, match="unknown language"):
        get_language("cplusplus")  # nothing of the refused spec was kept


def test_whole_programs_use_the_spec_unless_the_language_says_otherwise() -> None:
    cpp = get_language("cpp")
    alone = cpp.for_whole_programs()
    assert (alone.compile, alone.run, alone.outputs) == (cpp.compile, cpp.run, cpp.outputs)
    assert alone.prepare("int main() {}", "", None).files == {"main.cpp": "int main() {}"}
    go = get_language("go").for_whole_programs()
    assert "build" in go.compile and go.source_file == "main.go" and go.warm_up is None


@pytest.mark.parametrize(
    ("source", "file", "entry"),
    [
        ("import java.util.*;\n\npublic final class Solution {\n}\n", "Solution.java", "Solution"),
        ("class Helper {}\npublic class Main {}\n", "Main.java", "Main"),
        ("class Pair {}\nclass Run {}\n", "Pair.java", "Pair"),
        ("interface Nothing {}\n", "Main.java", "Main"),
    ],
)
def test_a_java_program_is_named_by_its_public_class(source: str, file: str, entry: str) -> None:
    prepared = java_program(source)
    assert prepared.files == {file: source}
    assert prepared.values == {"src": file, "main": entry}


@pytest.mark.parametrize(
    ("source", "entry"),
    [
        (
            "object Util { def two = 2 }\nobject Sum {\n  def main(a: Array[String]) = ()\n}\n",
            "Sum",
        ),
        ("object Solution extends App {\n  println(1)\n}\n", "Solution"),
        ("println(1)\n", "Main"),
    ],
)
def test_a_scala_program_runs_from_its_entry_object(source: str, entry: str) -> None:
    prepared = scala_program(source)
    assert prepared.files == {"Main.scala": source} and prepared.values == {"main": entry}


def test_pruning_uses_the_grammar_the_spec_names() -> None:
    spec = get_language("cpp")
    assert spec.grammar is not None
    if importlib.util.find_spec(spec.grammar.module) is None:
        pytest.skip(f"{spec.grammar.module} not installed (pip install -e '.[treesitter]')")
    assert treesitter.parser_for("cpp") is not None
    assert treesitter.parser_for("python") is None  # Python is pruned with ast, it has none
