"""ENAMEL fidelity: the canonical solutions' eff@1 and pass@1 against ENAMEL's published ones.

    .venv/bin/python bench/bench_enamel.py [--limit N] [--workers 1] [--out DIR]

ENAMEL's leaderboard (README at q-rz/enamel b97da79) scores HumanEval's canonical solutions
eff@1 0.458 / pass@1 0.908 and HumanEval+'s 0.517 / 0.958. The samples are built from the shared
datasets as ENAMEL built its own (`samples/humaneval-canonical.json` is HumanEval's prompt +
canonical solution; `humanevalplus-canonical.json` is HumanEval+'s, the same code). HumanEval's
set runs twice: the two eff@1 must agree within 0.01 (the reference times are measured once per
machine and kept, so the second run differs only by the samples' own timing noise). Run on a
quiet machine, one worker (timing in parallel with other work adds noise). `--limit N` takes
ENAMEL's first N problems only, to check the script quickly: the published figures are then not
comparable. The first run on a machine also measures the references (minutes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path

from execbench.api import EvalConfig, evaluate_samples
from execbench.tasks import LoadOptions, get_benchmark
from shared_data import load_options, use_shared_datasets  # this directory is on sys.path

PUBLISHED = {"humaneval": (0.458, 0.908), "humanevalplus": (0.517, 0.958)}
TOLERANCE = 0.03
RUN_TO_RUN = 0.01


def canonical_samples(name: str, data_dir: Path, wanted: set[str]) -> list[dict]:
    if name == "humaneval":
        lines = (data_dir / "humaneval/HumanEval.jsonl").read_text().splitlines()
    else:
        with gzip.open(data_dir / "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz", "rt") as f:
            lines = f.read().splitlines()
    records = [json.loads(line) for line in lines]
    return [
        {"task_id": r["task_id"], "solution": r["prompt"] + r["canonical_solution"]}
        for r in records
        if r["task_id"] in wanted
    ]


def score(samples: list[dict], out: Path, workers: int, options: LoadOptions) -> dict:
    path = out.with_suffix(".jsonl")
    path.write_text("".join(json.dumps(sample) + "\n" for sample in samples))
    config = EvalConfig("enamel", out=out, ks=(1,), load=options, workers=workers)
    started = time.monotonic()
    summary = evaluate_samples(config, path).summary.model_dump()
    summary["wall_s"] = time.monotonic() - started
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only ENAMEL's first N problems")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="keep the runs here")
    args = parser.parse_args()
    options = load_options()
    tasks = get_benchmark("enamel").load(options)[: args.limit]
    wanted = {task.task_id for task in tasks}
    data_dir = use_shared_datasets()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-enamel-"))
    out.mkdir(parents=True, exist_ok=True)
    runs = [("humaneval", "a"), ("humaneval", "b"), ("humanevalplus", "a")]
    results = {}
    for name, run in runs:
        samples = canonical_samples(name, data_dir, wanted)
        results[(name, run)] = score(samples, out / f"{name}-{run}", args.workers, options)
    subset = "" if args.limit is None else " (a subset)"
    print(f"ENAMEL, {len(tasks)} problems{subset}; runs in {out}")
    header = f"{'canonical':<14}{'run':<5}{'eff@1':>8}{'published':>11}{'pass@1':>8}"
    print(header + f"{'published':>11}{'eff@1 lines':>13}{'spread':>8}{'wall s':>8}")
    for (name, run), summary in results.items():
        eff, passed = summary["eff_at_k"]["1"], summary["pass_at_k"]["1"]
        lines, spread = summary["eff_at_k_lines"]["1"], summary["eff_spread"]["median"]
        published_eff, published_pass = PUBLISHED[name]
        print(
            f"{name:<14}{run:<5}{eff:>8.3f}{published_eff:>11.3f}{passed:>8.3f}{published_pass:>11.3f}"
            f"{lines:>13.3f}{spread:>8.3f}{summary['wall_s']:>8.0f}"
        )
    first, second = (results[("humaneval", run)]["eff_at_k"]["1"] for run in ("a", "b"))
    gap = abs(first - second)
    print(f"run to run: |eff@1 a - eff@1 b| = {gap:.4f} (must be <= {RUN_TO_RUN})")
    if args.limit is None:
        for (name, run), summary in results.items():
            off = abs(summary["eff_at_k"]["1"] - PUBLISHED[name][0])
            verdict = "within" if off <= TOLERANCE else "OUTSIDE"
            print(f"{name} {run}: eff@1 {verdict} {TOLERANCE} of the published figure ({off:.3f})")


if __name__ == "__main__":
    main()
