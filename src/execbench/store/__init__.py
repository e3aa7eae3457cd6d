"""The SQLite run store and the JSONL formats people already use."""

from execbench.store.generations import SqliteGenerationCache
from execbench.store.records import GenerationSummary, ResultLine, Summary
from execbench.store.run_store import STORE_FILENAME, RunStore
from execbench.store.samples_file import read_samples

__all__ = [
    "STORE_FILENAME",
    "GenerationSummary",
    "ResultLine",
    "RunStore",
    "SqliteGenerationCache",
    "Summary",
    "read_samples",
]
