"""`execbench validate -b custom` with stdio tasks in compiled languages, by the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.languages.toolchains import require_toolchain
from tests.support import run_cli

SUM_CASES = """\
    tests:
      stdio:
        - {input: "1 2\\n", output: "3\\n"}
        - {input: "40 2\\n", output: "42\\n"}
"""
CPP_SUM = "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << %s; }"
REFERENCES = {
    "sum-cpp": ("cpp", CPP_SUM % "a + b"),
    "sum-java": (
        "java",
        "import java.util.Scanner;\n\npublic class Sum {\n"
        "    public static void main(String[] args) {\n"
        "        Scanner in = new Scanner(System.in);\n"
        "        System.out.println(in.nextLong() + in.nextLong());\n    }\n}",
    ),
    "sum-go": (
        "golang",
        'package main\n\nimport "fmt"\n\n'
        "func main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}",
    ),
    "sum-rust": (
        "rs",
        "use std::io::Read;\n\nfn main() {\n    let mut text = String::new();\n"
        "    std::io::stdin().read_to_string(&mut text).unwrap();\n"
        "    let n: Vec<i64> = text.split_whitespace().map(|t| t.parse().unwrap()).collect();\n"
        '    println!("{}", n[0] + n[1]);\n}',
    ),
    "wrong-cpp": ("c++", CPP_SUM % "a * b"),
    "broken-cpp": ("cpp", CPP_SUM % "a + c"),
}


def task_file(path: Path) -> Path:
    entries = []
    for task_id, (language, reference) in REFERENCES.items():
        body = "\n".join(f"      {line}" if line else "" for line in reference.splitlines())
        entries.append(
            f"  - id: {task_id}\n    language: {language}\n    prompt: Print a + b.\n"
            f"    reference: |\n{body}\n{SUM_CASES}"
        )
    path.write_text("tasks:\n" + "".join(entries))
    return path


def test_compiled_references_pass_and_broken_ones_fail_with_their_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for language in ("cpp", "java", "go", "rust"):
        require_toolchain(language)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a build cache of its own
    data = task_file(tmp_path / "tasks.yaml")
    done = run_cli("validate", "-b", "custom", "--data", str(data), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["n_tasks"], report["n_passed"]) == (6, 4), report["failures"]
    failures = {failure["task_id"]: failure for failure in report["failures"]}
    assert failures["wrong-cpp"]["status"] == "failed"
    assert "case 1/2: wrong answer" in failures["wrong-cpp"]["detail"]
    assert failures["broken-cpp"]["status"] == "compile_error"
    assert "main.cpp:2:" in failures["broken-cpp"]["detail"]  # the compiler's own words
