"""The SQLite run store: verdicts, generations and per-run settings."""

from execbench.store.generations import SqliteGenerationCache
from execbench.store.records import (
    GenerationSummary,
    PartRate,
    ResultLine,
    StrategySummary,
    Summary,
)
from execbench.store.run_store import STORE_FILENAME, RunStore
from execbench.store.trajectories import SqliteTrajectoryStore, read_trajectories

__all__ = [
    "STORE_FILENAME",
    "GenerationSummary",
    "PartRate",
    "ResultLine",
    "RunStore",
    "SqliteGenerationCache",
    "SqliteTrajectoryStore",
    "StrategySummary",
    "Summary",
    "read_trajectories",
]
