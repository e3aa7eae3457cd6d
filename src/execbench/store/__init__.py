"""The SQLite run store: verdicts, generations and per-run settings."""

from execbench.store.generations import SqliteGenerationCache
from execbench.store.records import (
    GenerationSummary,
    GroupRate,
    PartRate,
    ResultLine,
    Summary,
)
from execbench.store.run_store import STORE_FILENAME, RunStore

__all__ = [
    "STORE_FILENAME",
    "GenerationSummary",
    "GroupRate",
    "PartRate",
    "ResultLine",
    "RunStore",
    "SqliteGenerationCache",
    "Summary",
]
