"""The two consoles every command prints to (kept apart from the heavy modules, so a command
that only reads stored runs starts fast).

Both print text literally (`markup=False`): messages carry user text (task ids, paths, model
names, hints like `pip install 'execbench[hf]'`) whose brackets rich would otherwise take for
markup and drop. Styles are given as `rich.text.Text` styles, never as markup.
"""

from __future__ import annotations

from rich.console import Console

stderr = Console(stderr=True, markup=False)
stdout = Console(markup=False)
