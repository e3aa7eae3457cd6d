"""The SQLite run store and the JSONL formats people already use."""

from execbench.store.records import ResultLine, Summary
from execbench.store.run_store import STORE_FILENAME, RunStore
from execbench.store.samples_file import read_samples

__all__ = ["STORE_FILENAME", "ResultLine", "RunStore", "Summary", "read_samples"]
