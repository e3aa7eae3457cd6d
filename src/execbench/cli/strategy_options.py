"""The options of the strategies (`run --strategy`, `rerank --method`); each strategy takes
those its settings name and refuses the others."""

from __future__ import annotations

from typing import Annotated

import typer

Rounds = Annotated[
    int | None,
    typer.Option(help="self-debug, reflexion, agentcoder: most repair rounds after the first try."),
]
Memory = Annotated[
    int | None, typer.Option(help="reflexion: self-reflections kept in memory (default 3).")
]
TestSamples = Annotated[
    int | None, typer.Option(help="codet: test generations per task (default: -n).")
]
CasesPerTest = Annotated[
    int | None,
    typer.Option(help="codet: test cases kept from each test generation (default 5, CodeT's)."),
]
