import pytest

from execbench.extract import treesitter

pytest.importorskip("tree_sitter", reason="no tree-sitter (pip install execbench[treesitter])")


def _need(language: str) -> None:
    if treesitter.parser_for(language) is None:
        pytest.skip(f"no tree-sitter grammar for {language} (pip install execbench[treesitter])")


def test_cpp_keeps_includes_helpers_and_class_semicolons_drops_main():
    _need("cpp")
    code = (
        "#include <vector>\nusing namespace std;\nconst int M = 5;\n"
        "struct P { int x; };\nint unused() { return 0; }\n"
        "int helper(P p) { return p.x + M; }\n"
        "int solve(vector<int> v) { P p{v[0]}; return helper(p); }\n"
        "int main() { return solve({1}); }\n"
    )
    pruned = treesitter.prune("cpp", code, "solve")
    assert "#include <vector>" in pruned and "using namespace std;" in pruned
    assert "struct P { int x; };" in pruned
    assert "const int M = 5;" in pruned and "int helper" in pruned
    assert "main" not in pruned and "unused" not in pruned


def test_rust_keeps_attributes_with_their_items():
    _need("rust")
    code = (
        "use std::collections::HashMap;\n#[derive(Debug)]\nstruct P { x: i32 }\n"
        "impl P { fn get(&self) -> i32 { self.x } }\n#[test]\nfn t() {}\n"
        'fn solve(a: i32) -> i32 { P { x: a }.get() }\nfn main() { println!("{}", solve(1)); }\n'
    )
    pruned = treesitter.prune("rust", code, "solve")
    assert "use std::collections::HashMap;" in pruned
    assert "#[derive(Debug)]\n\nstruct P" in pruned and "impl P" in pruned
    assert "#[test]" not in pruned and "fn main" not in pruned and "fn t()" not in pruned


def test_javascript_drops_example_calls():
    _need("javascript")
    code = (
        "const LIMIT = 3;\nfunction helper(x) { return x * LIMIT; }\n"
        "function solve(x) { return helper(x) + 1; }\nconsole.log(solve(2));\n"
    )
    pruned = treesitter.prune("javascript", code, "solve")
    assert "console.log" not in pruned
    assert "const LIMIT = 3;" in pruned and "function helper" in pruned


def test_go_keeps_package_and_imports():
    _need("go")
    code = (
        'package main\nimport "strings"\n'
        "func solve(s string) string { return strings.ToUpper(s) }\n"
        'func main() { solve("a") }\n'
    )
    pruned = treesitter.prune("go", code, "solve")
    assert pruned.startswith("package main") and 'import "strings"' in pruned
    assert "func main" not in pruned


def test_java_method_inside_class_keeps_the_class():
    _need("java")
    code = "import java.util.*;\nclass Problem { static int solve(int a) { return a; } }\n"
    code += "class Other { }\n"
    pruned = treesitter.prune("java", code, "solve")
    assert "class Problem" in pruned and "class Other" not in pruned


def test_unparsable_or_missing_entry_point_is_left_alone():
    _need("cpp")
    broken = "int solve( { return 1; }\nint main() {}\n"
    assert treesitter.prune("cpp", broken, "solve") == broken
    assert treesitter.prune("cpp", "int f() { return 1; }\n", "solve") == "int f() { return 1; }\n"


def test_unknown_language_has_no_parser():
    assert treesitter.parser_for("cobol") is None
    assert treesitter.has_definition("cobol", "x", "x") is None
