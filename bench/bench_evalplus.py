"""execbench vs `evalplus.evaluate` on the same HumanEval+ samples, in one run.

    .venv/bin/pip install evalplus
    .venv/bin/python bench/bench_evalplus.py [--samples-per-task 5] [--workers N]

Both read the shared HumanEval+ release file (EvalPlus through HUMANEVAL_OVERRIDE_PATH). Samples
mix canonical, wrong, crashing and (rarely) looping solutions, each its own program. Each tool's
expected outputs are computed once before timing (EvalPlus caches its ground truth, execbench its
reference outputs), so the times compare judging. Both apply the same per-call time limits:
execbench's are EvalPlus head's (at least 4 s, 4x the reference's time), and PyPI's evalplus 0.3.1
is told them, its own minimum being 1 s (a looping sample would otherwise get a quarter of the
time there). Prints both wall times, the ratio, and verdict agreement.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_humaneval import CRASH, LOOP, WRONG, distinct  # this directory is on sys.path
from execbench.api import EvalConfig, evaluate_samples
from execbench.core import Limits, ReferenceOutputs
from execbench.tasks import LoadOptions, get_benchmark

RELEASE = "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz"


def make_samples(per_task: int) -> list[dict]:
    records = []
    for number, task in enumerate(
        get_benchmark("humanevalplus").load(LoadOptions.from_environment())
    ):
        for index in range(per_task):
            if index == per_task - 1 and number % 20 == 0:
                solution = task.prompt + LOOP
            elif index % 5 == 3:
                solution = task.prompt + WRONG
            elif index % 5 == 4:
                solution = task.prompt + CRASH
            else:
                solution = task.reference
            records.append({"task_id": task.task_id, "solution": distinct(solution, index)})
    return records


def run_evalplus(samples: Path, workers: int, environment: dict) -> list[bool]:
    command = [sys.executable, "-m", "evalplus.evaluate", "--dataset", "humaneval"]
    command += ["--samples", str(samples), "--parallel", str(workers), "--i-just-wanna-run"]
    # execbench's HumanEval+ tasks use the default per-call limits (tasks/evalplus.py).
    limits = ReferenceOutputs()
    command += ["--min-time-limit", str(limits.minimum_s)]
    command += ["--gt-time-limit-factor", str(limits.factor)]
    subprocess.run(command, env=environment, check=True, capture_output=True)
    results = json.loads(Path(str(samples).replace(".jsonl", "_eval_results.json")).read_text())
    passed = {}
    for task_id, runs in results["eval"].items():
        for number, run in enumerate(runs):
            passed[(task_id, number)] = run["base_status"] == run["plus_status"] == "pass"
    return [passed[key] for key in sorted(passed, key=_order)]


def _order(key: tuple[str, int]) -> tuple[int, int]:
    return int(key[0].split("/")[1]), key[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples-per-task", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    default_data = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
    data_dir = Path(os.environ.get("EXECBENCH_DATA_DIR", default_data))
    records = make_samples(args.samples_per_task)
    with tempfile.TemporaryDirectory() as tmp:
        release = Path(tmp) / "HumanEvalPlus.jsonl"
        release.write_bytes(gzip.decompress((data_dir / RELEASE).read_bytes()))
        environment = {**os.environ, "HUMANEVAL_OVERRIDE_PATH": str(release)}
        warm = Path(tmp) / "warm.jsonl"
        first = {record["task_id"]: record for record in reversed(records)}
        warm.write_text("".join(json.dumps(record) + "\n" for record in first.values()))
        samples = Path(tmp) / "samples.jsonl"
        samples.write_text("".join(json.dumps(record) + "\n" for record in records))
        config = EvalConfig(
            "humanevalplus",
            load=LoadOptions.from_environment(),
            workers=args.workers,
            limits=Limits(cpu_s=4.0, wall_s=8.0),
        )

        run_evalplus(warm, args.workers, environment)  # builds EvalPlus's ground-truth cache
        evaluate_samples(EvalConfig(**{**config.__dict__, "out": Path(tmp) / "warm"}), warm)

        started = time.perf_counter()
        theirs = run_evalplus(samples, args.workers, environment)
        evalplus_s = time.perf_counter() - started

        started = time.perf_counter()
        outcome = evaluate_samples(
            EvalConfig(**{**config.__dict__, "out": Path(tmp) / "execbench"}), samples
        )
        execbench_s = time.perf_counter() - started
        ours = [line.passed for line in outcome.results]

    agree = sum(a == b for a, b in zip(theirs, ours, strict=True))
    print(f"samples: {len(records)} ({args.samples_per_task} per task), workers: {args.workers}")
    print(f"evalplus.evaluate (HumanEval+ v0.1.10): {evalplus_s:8.2f} s")
    print(f"execbench evaluate -b humanevalplus:    {execbench_s:8.2f} s")
    print(f"speed-up (evalplus / execbench):        {evalplus_s / execbench_s:8.2f}x")
    print(f"verdict agreement: {agree}/{len(records)}")


if __name__ == "__main__":
    main()
