"""Finished runs made from chosen verdicts, through the real store and run files (no judging)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from execbench.core import Limits, Program, Sample, SampleFormat, Verdict
from execbench.metrics.summary import build_summary
from execbench.report import write_run_files
from execbench.store import RunStore


def write_run(
    out: Path,
    model: str,
    verdicts: Mapping[str, Sequence[Verdict]],
    *,
    benchmark: str = "humaneval",
    data_version: str = "test-data",
    language: str = "python",
) -> Path:
    """A run directory as `evaluate` leaves it: run.sqlite, results.jsonl, summary.json."""
    keys = []
    with RunStore.in_directory(out) as store:
        store.bind(
            {"benchmark": benchmark, "language": language, "data_version": data_version,
             "data_sha256": None, "model": model}
        )  # fmt: skip
        for task_id, task_verdicts in verdicts.items():
            for index, verdict in enumerate(task_verdicts):
                sample = Sample(
                    task_id, index, f"reply {index} to {task_id}", SampleFormat.RESPONSE
                )
                program = Program("python", f"def f():  # {model} {task_id} {index}\n    pass\n")
                store.record(sample, program, verdict)
                keys.append((task_id, index))
        results = store.results(keys)
    summary = build_summary(
        benchmark=benchmark, model=model, language=language, results=results, ks=None,
        sandbox="none",
        limits=Limits(), resumed=0, elapsed_s=0.0,
    )  # fmt: skip
    write_run_files(out, summary, results)
    return out
