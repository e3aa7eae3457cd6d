"""Catch rate of augmented tests (`execbench augment`) against HumanEval+ on realistic wrong
programs, and their size: the point of augmentation, measured.

    .venv/bin/python bench/bench_augment.py [--augmented FILE] [--tasks N] [--workers N]

Wrong programs: seeded AST mutants of each canonical solution (bench/fidelity_samples.py, the
kind of slip a model makes) and hand-written plausible-but-wrong programs
(bench/wrong_humaneval.py). Each is judged by HumanEval's own tests, by HumanEval+ and by the
augmented file (`-b custom --data FILE`, made here over the first N tasks unless given). The
figure: of the wrong programs HumanEval passes and HumanEval+ fails, the share the augmented
tests fail too, beside the test counts of HumanEval+ and of the augmented file, and `validate`
of the augmented file on the canonical solutions.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from execbench.api import EvalConfig, validate_benchmark
from execbench.core import Limits
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.jsonl import read_records
from execbench.testgen.augment import AugmentSettings
from execbench.testgen.augment_file import augment_tasks
from fidelity import run_execbench
from fidelity_samples import Sample, mutant, stable_seed
from wrong_humaneval import WRONG_PROGRAMS

REPO = Path(__file__).resolve().parents[1]
MUTANTS_PER_TASK = 6


@dataclass(frozen=True)
class Judged:
    sample: Sample
    base: bool
    plus: bool
    augmented: bool


def wrong_samples(plus_file: Path, task_ids: list[str]) -> list[Sample]:
    records = {r["task_id"]: r for _, r in read_records(plus_file)}
    samples = []
    for task_id in task_ids:
        record = records[task_id]
        reference = record["prompt"] + record["canonical_solution"]
        for k in range(MUTANTS_PER_TASK):
            changed = mutant(reference, record["entry_point"], stable_seed("augment", task_id, k))
            if changed is not None:
                samples.append(Sample(task_id, f"mutant{k}", changed))
        for number, program in enumerate(WRONG_PROGRAMS.get(task_id, [])):
            samples.append(Sample(task_id, f"handwritten{number}", program))
    return samples


def test_counts(plus_file: Path, augmented: Path, task_ids: set[str]) -> tuple[int, int]:
    plus = sum(
        len(r["base_input"]) + len(r["plus_input"])
        for _, r in read_records(plus_file)
        if r["task_id"] in task_ids
    )
    with augmented.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    ours = sum(len(r["tests"]["calls"]) for r in records if r["id"] in task_ids)
    return plus, ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--augmented", type=Path, help="an augmented HumanEval file to measure")
    parser.add_argument("--tasks", type=int, default=164, help="the first N HumanEval tasks")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--budget", type=float, default=AugmentSettings.budget_s)
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    data_dir = Path(os.environ.get("EXECBENCH_DATA_DIR", REPO.parent / "shared" / "datasets"))
    plus_file = data_dir / "humanevalplus" / "HumanEvalPlus-v0.1.10.jsonl.gz"
    task_ids = [r["task_id"] for _, r in read_records(plus_file)][: args.tasks]
    tmp = Path(tempfile.mkdtemp(prefix="bench-augment-"))
    augmented = args.augmented
    if augmented is None:
        augmented = tmp / "humaneval-augmented.jsonl"
        wanted = set(task_ids)
        tasks = get_benchmark("humaneval").load(LoadOptions.from_environment())
        tasks = [task for task in tasks if task.task_id in wanted]
        settings = AugmentSettings(budget_s=args.budget)
        augment_tasks("humaneval", tasks, augmented, settings, DEFAULT_SANDBOX, args.workers)
    samples = wrong_samples(plus_file, task_ids)
    limits = Limits()
    base, _, _ = run_execbench("humaneval", samples, None, limits, args.workers, tmp)
    plus, _, _ = run_execbench("humanevalplus", samples, plus_file, limits, args.workers, tmp)
    ours, _, _ = run_execbench("custom", samples, augmented, limits, args.workers, tmp)
    judged = [Judged(*row) for row in zip(samples, base, plus, ours, strict=True)]
    figures = figures_of(judged, *test_counts(plus_file, augmented, set(task_ids)))
    validation = validate_benchmark(
        EvalConfig("custom", load=LoadOptions(data=augmented), workers=args.workers)
    )
    figures["validate_ground_truth_pass_rate"] = validation.ground_truth_pass_rate
    print(json.dumps(figures, indent=2))
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2))


def figures_of(judged: list[Judged], plus_tests: int, our_tests: int) -> dict:
    figures: dict = {"wrong_programs": len(judged)}
    for kind in ("mutant", "handwritten", ""):
        chosen = [j for j in judged if j.sample.kind.startswith(kind)]
        missed_by_base = [j for j in chosen if j.base]
        plus_catches = [j for j in missed_by_base if not j.plus]
        both = [j for j in plus_catches if not j.augmented]
        name = kind or "all"
        figures[name] = {
            "programs": len(chosen),
            "pass_humaneval": len(missed_by_base),
            "caught_by_humanevalplus": len(plus_catches),
            "caught_by_augmented_too": len(both),
            "catch_rate_vs_humanevalplus": round(len(both) / len(plus_catches), 4)
            if plus_catches
            else None,
            "augmented_fails_but_humanevalplus_passes": sum(
                1 for j in missed_by_base if j.plus and not j.augmented
            ),
        }
    figures["tests"] = {
        "humanevalplus": plus_tests,
        "augmented": our_tests,
        "ratio": round(our_tests / plus_tests, 4) if plus_tests else None,
    }
    return figures


if __name__ == "__main__":
    main()
