import ast

from execbench.extract.python import code_in_prose, extract_python
from execbench.extract.python_prune import context_for, prune

PROMPT = '''from typing import List


def poly(xs: list, x: float):
    return sum(c * x**i for i, c in enumerate(xs))


def find_zero(xs: List[float]) -> float:
    """Find x with poly(xs, x) == 0."""
'''


def _names(source: str) -> list[str]:
    """Each top-level statement by the name it defines, else by its node type."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names.append(node.targets[0].id)
        else:
            names.append(getattr(node, "name", type(node).__name__))
    return names


def _run(source: str, call: str):
    scope: dict = {}
    exec(compile(source, "<candidate>", "exec"), scope)
    return eval(call, scope)


def test_prune_keeps_imports_entry_point_and_transitive_helpers_only():
    source = """import math
from functools import lru_cache

LIMIT = 10
UNUSED = 3


class Helper:
    def go(self):
        return _inner() + LIMIT


def _inner():
    return 1


def unrelated():
    return 0


@lru_cache(maxsize=None)
def solve(n):
    return Helper().go() + math.floor(n)


print(solve(2))
assert solve(1) == 12
if __name__ == "__main__":
    solve(3)
"""
    pruned = prune(source, "solve")
    assert _names(pruned) == ["Import", "ImportFrom", "LIMIT", "Helper", "_inner", "solve"]
    assert "@lru_cache(maxsize=None)" in pruned
    assert _run(pruned, "solve(2.5)") == 13


def test_prune_leaves_code_that_does_not_parse_or_lacks_the_entry_point():
    assert prune("def f(:\n", "f") == "def f(:\n"
    assert prune("def g():\n    pass\nprint(1)\n", "f") == "def g():\n    pass\nprint(1)\n"


def test_prune_keeps_guarded_imports():
    source = "try:\n    import numpy as np\nexcept ImportError:\n    np = None\n"
    source += "\ndef f():\n    return 1\n"
    assert "import numpy" in prune(source, "f")


def test_last_block_defining_the_entry_point_wins_and_examples_are_dropped():
    text = (
        "First attempt:\n```python\ndef add(a, b):\n    return a - b\n```\n"
        "Oops, fixed:\n```python\ndef add(a, b):\n    return a + b\n```\n"
        "Usage:\n```python\nprint(add(1, 2))\n```\n"
    )
    code = extract_python(text, "add", "")
    assert _run(code, "add(1, 2)") == 3
    assert "print" not in code


def test_helpers_in_a_separate_block_are_joined_with_the_solution():
    text = (
        "Helper:\n```python\nimport re\n\ndef words(s):\n    return re.findall(r'\\w+', s)\n```\n"
        "Solution:\n```python\ndef count(s):\n    return len(words(s))\n```\n"
    )
    assert _run(extract_python(text, "count", ""), "count('a b, c')") == 3


def test_unfenced_code_in_prose():
    text = (
        "Sure! Here is the function you asked for.\n\n"
        "def double(x):\n    return 2 * x\n\n"
        "This works because multiplying by two doubles a number.\n"
    )
    code = extract_python(text, "double", "")
    assert code == "def double(x):\n    return 2 * x\n"


def test_code_in_prose_prefers_the_span_defining_the_entry_point():
    text = "import os\n\nWell.\n\ndef target():\n    return 1\n\nDone, obviously!\n"
    assert "def target" in code_in_prose(text, "target")
    assert code_in_prose("No code here at all.", None) is None


def test_prompt_imports_and_helpers_are_restored_when_the_reply_omits_them():
    reply = (
        "```python\ndef find_zero(xs: List[float]) -> float:\n"
        "    lo, hi = -100.0, 100.0\n"
        "    for _ in range(200):\n"
        "        mid = (lo + hi) / 2\n"
        "        if poly(xs, lo) * poly(xs, mid) <= 0:\n"
        "            hi = mid\n"
        "        else:\n"
        "            lo = mid\n"
        "    return lo\n```\n"
    )
    code = extract_python(reply, "find_zero", PROMPT)
    assert _names(code) == ["ImportFrom", "poly", "find_zero"]
    assert abs(_run(code, "find_zero([-6, 11, -6, 1])") - 1.0) < 1e-6


def test_context_for_skips_what_the_code_already_has():
    code = "from typing import List\n\ndef poly(xs, x):\n    return 0\n"
    assert context_for(code, PROMPT, "find_zero") == ""


def test_body_only_reply_completes_the_prompt():
    prompt = 'def inc(x):\n    """Add one."""\n'
    code = extract_python("```python\n    return x + 1\n```", "inc", prompt)
    assert _run(code, "inc(4)") == 5


def test_reply_cut_off_inside_a_fence_keeps_what_parses():
    text = "```python\ndef f():\n    return 7\n\ndef g(:\n"
    assert _run(extract_python(text, "f", ""), "f()") == 7


def test_without_entry_point_the_whole_program_is_kept():
    text = (
        "```python\nimport sys\n\ndef main():\n    print(sys.stdin.read().upper())\n\n"
        "if __name__ == '__main__':\n    main()\n```"
    )
    assert "__main__" in extract_python(text, None, "")


def test_broken_code_is_given_back_for_the_judge_and_prose_is_no_code():
    assert extract_python("```python\ndef f(:\n```", "f", "") == "def f(:\n"
    assert extract_python("def f(x):\n  return (x\n", "f", "") == "def f(x):\n  return (x\n"
    # Nothing in a refusal is code: the judge is given none, not the prose to compile.
    assert extract_python("I'm sorry, I cannot help with that.\n\nAsk me again.", "f", "") == ""
    # A line that is Python on its own is kept: a body, or a CRUXEval answer.
    assert extract_python("    return x", "f", "") == "    return x"
    answer = "[ANSWER]\nassert f(1) == [2]\n[/ANSWER]"
    assert extract_python(answer, "f", "") == answer
