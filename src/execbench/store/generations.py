"""The generation cache: every answered sample, in the run's SQLite file, by content key.

The key is the sha256 of the request identity (backend, model, rendered prompt, parameters) and
the sample index, so a rerun of the same command asks the model nothing it already answered, and
a run killed during generation resumes where it stopped. One transaction per sample. The raw text
lives here and, once judged, beside its extracted program in the verdicts table. No API key is
ever part of a key or a row.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from execbench.core import SampleFormat
from execbench.models import Generation, Usage
from execbench.store.run_store import connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS generations (
    key TEXT PRIMARY KEY,
    task_id TEXT NOT NULL,
    sample_index INTEGER NOT NULL,
    sample_format TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    latency_s REAL NOT NULL,
    cost_usd REAL,
    attempts INTEGER NOT NULL,
    generated_at REAL NOT NULL
);
"""

# SQLite's default limit on bound parameters is 999 in old builds.
_CHUNK = 500


class SqliteGenerationCache:
    def __init__(self, path: Path) -> None:
        self._db = connect(path, SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SqliteGenerationCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, keys: Sequence[str]) -> Mapping[str, Generation]:
        found: dict[str, Generation] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = list(keys[start : start + _CHUNK])
            rows = self._db.execute(
                "SELECT key, sample_format, raw_text, prompt_tokens, completion_tokens, latency_s,"
                f" cost_usd, attempts FROM generations WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for key, fmt, text, prompt, completion, latency, cost, attempts in rows:
                usage = Usage(prompt, completion, latency, cost, attempts)
                found[key] = Generation(text, SampleFormat(fmt), usage)
        return found

    def put(self, key: str, task_id: str, sample_index: int, generation: Generation) -> None:
        usage = generation.usage
        self._db.execute(
            "INSERT OR REPLACE INTO generations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                task_id,
                sample_index,
                str(generation.format),
                generation.text,
                usage.prompt_tokens,
                usage.completion_tokens,
                usage.latency_s,
                usage.cost_usd,
                usage.attempts,
                time.time(),
            ),
        )

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM generations").fetchone()[0]
