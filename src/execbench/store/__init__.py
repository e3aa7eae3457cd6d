"""The SQLite run store: verdicts, generations and per-run settings."""

from execbench.store.records import (
    RESULTS_SCHEMA_VERSION,
    GenerationSummary,
    GroupRate,
    PartRate,
    ResultLine,
    StrategySummary,
    Summary,
)
from execbench.store.run_store import STORE_FILENAME, RunStore, StoredSample, read_meta
from execbench.store.trajectories import SqliteTrajectoryStore, read_trajectories

__all__ = [
    "RESULTS_SCHEMA_VERSION",
    "STORE_FILENAME",
    "GenerationSummary",
    "GroupRate",
    "PartRate",
    "ResultLine",
    "RunStore",
    "SqliteGenerationCache",
    "SqliteTrajectoryStore",
    "StoredSample",
    "StrategySummary",
    "Summary",
    "read_meta",
    "read_trajectories",
]


def __getattr__(name: str) -> object:
    # The generation cache needs the model backends; reading a finished run does not.
    if name == "SqliteGenerationCache":
        from execbench.store.generations import SqliteGenerationCache

        return SqliteGenerationCache
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
