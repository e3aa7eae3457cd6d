"""The SQLite run store: verdicts, generations and per-run settings."""

from execbench.store.generations import SqliteGenerationCache
from execbench.store.records import (
    RESULTS_SCHEMA_VERSION,
    GenerationSummary,
    PartRate,
    ResultLine,
    Summary,
)
from execbench.store.run_store import STORE_FILENAME, RunStore, StoredSample, read_meta

__all__ = [
    "RESULTS_SCHEMA_VERSION",
    "STORE_FILENAME",
    "GenerationSummary",
    "PartRate",
    "ResultLine",
    "RunStore",
    "SqliteGenerationCache",
    "StoredSample",
    "Summary",
    "read_meta",
]
