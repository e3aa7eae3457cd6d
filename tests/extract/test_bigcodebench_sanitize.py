"""BigCodeBench's sanitizer, reimplemented: each expected output here is what bigcodebench 0.2.5's
tree-sitter sanitizer returns for the same reply (checked side by side when this was written)."""

from __future__ import annotations

from execbench.extract.bigcodebench_sanitize import longest_parsable_block, sanitize

REPLY = """Here is the code:
```python
from __future__ import annotations
import numpy as np

CONST = 3
a, b = 1, 2
x: int
def helper(y):
    return y * CONST

@decorator
def decorated():
    pass

def task_func(n):
    return helper(n) + np.sum([x]) + decorated()

def helper(y):
    return 0

class Unused:
    pass

if __name__ == "__main__":
    print(task_func(3))
```
That's it."""


def test_keeps_imports_and_what_the_entry_point_reaches_in_order():
    """(Not the decorated function it calls: tree-sitter calls that another kind of node.)"""
    assert sanitize(REPLY, "task_func") == (
        "import numpy as np\n"
        "CONST = 3\n"
        "x: int\n"
        "def helper(y):\n    return y * CONST\n"
        "def task_func(n):\n    return helper(n) + np.sum([x]) + decorated()"
    )


def test_the_longest_parsable_run_of_lines_wins():
    text = "import numpy as np\nSorry, again:\n"
    text += "from math import tan\n\ndef f(x):\n    return tan(x)\nDone."
    assert longest_parsable_block(text) == "from math import tan\n\ndef f(x):\n    return tan(x)"
    assert longest_parsable_block("no code at all\nreally") == "no code at all"


def test_top_level_lines_naming_the_entry_point_at_the_end_are_cut():
    code = "import os\ndef task_func(x): return x\n"
    # (the one-line definition itself goes: the harness's last step does the same)
    assert sanitize(code, "task_func") == "import os"


def test_nothing_reachable_falls_back_to_the_code():
    text = "Some prose\nprint(1)\nprint(2)\n"
    assert sanitize(text, "task_func") == "print(1)\nprint(2)"
