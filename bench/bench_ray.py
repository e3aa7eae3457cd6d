"""The `ray` executor's overhead against the local one, on HumanEval samples, in one run.

    .venv/bin/python bench/bench_ray.py [--samples-per-task 10] [--tasks 164] [--workers N]

The 164×10 samples of bench_humaneval.py (right, wrong, crashing and a few looping), judged by
`evaluate` with the local executor, then with `--executor ray` on a Ray cluster of this machine
started here with as many CPUs as workers (one node: one actor holding a judge pool of that
size). Reference times are measured by a first, untimed run, so both timed runs judge the same
work. Prints both wall times and their ratio (target: at most 1.3), and checks that the two
results files are byte-identical. Needs `pip install -e '.[ray]'`.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_humaneval import make_samples
from execbench.api import EvalConfig, evaluate_samples
from execbench.engine.ray_pool import require_ray


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples-per-task", type=int, default=10)
    parser.add_argument("--tasks", type=int, default=164, help="the first N HumanEval tasks")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    ray = require_ray()

    records = make_samples(args.samples_per_task)
    chosen = list(dict.fromkeys(record["task_id"] for record in records))[: args.tasks]
    records = [record for record in records if record["task_id"] in set(chosen)]
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(directory / "cache")
        samples = directory / "samples.jsonl"
        samples.write_text("".join(json.dumps(record) + "\n" for record in records))
        local = EvalConfig("humaneval", out=directory / "local", workers=args.workers)
        evaluate_samples(replace(local, out=directory / "warm-up"), samples)

        started = time.perf_counter()
        evaluate_samples(local, samples)
        local_s = time.perf_counter() - started

        ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)
        try:
            on_ray = replace(local, out=directory / "ray", executor="ray")
            started = time.perf_counter()
            evaluate_samples(on_ray, samples)
            ray_s = time.perf_counter() - started
        finally:
            ray.shutdown()
        same = (local.out / "results.jsonl").read_bytes() == (
            on_ray.out / "results.jsonl"
        ).read_bytes()

    print(f"samples: {len(records)} ({len(chosen)} tasks), workers: {args.workers}")
    print(f"local executor: {local_s:8.2f} s")
    print(f"ray executor:   {ray_s:8.2f} s (a Ray cluster of this machine, already started)")
    print(f"overhead, ray / local: {ray_s / local_s:.2f}x (target <= 1.3)")
    print(f"results.jsonl byte-identical: {same}")
    if not same:
        raise SystemExit("FAILED: the executors gave different results")


if __name__ == "__main__":
    main()
