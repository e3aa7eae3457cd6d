"""HumanEvalPack's ground truth and premise, over the whole set: in every language the canonical
solutions pass and the buggy ones (HumanEvalFix's input) fail.

    .venv/bin/python bench/humanevalpack_premise.py [--languages python,go] [--limit N]
        [--canonical humanevalsynthesize] [--canonical-only] [--workers N] [--out FILE]

Both are judged through the whole pipeline (`evaluate` on a samples file of whole programs,
assembled as OctoPack assembles them, against HumanEvalFix's tests, which are every task's). The
canonical programs are the references of `--canonical` (HumanEvalFix's start from the bare
declaration, HumanEvalSynthesize's from the documented prompt); the buggy ones are HumanEvalFix's
input. Prints per language the canonical pass count, the buggy fail count, and every exception
with its verdict; `--out` keeps the JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import replace
from pathlib import Path

from execbench.api import EvalConfig, evaluate_samples
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.codegeex import LANGUAGE_CODES
from execbench.tasks.humanevalpack.benchmarks import records
from execbench.tasks.humanevalpack.prompts import prompt_base

REPO = Path(__file__).resolve().parents[1]


def programs(
    language: str, load: LoadOptions, limit: int | None, canonical_of: str
) -> dict[str, list[dict]]:
    """Samples files' records: the canonical programs and the buggy ones."""
    chosen = records(language, load)[:limit]
    tasks = get_benchmark(canonical_of).load(replace(load, language=language))[:limit]
    canonical = [{"task_id": task.task_id, "solution": task.reference} for task in tasks]
    buggy = [
        {
            "task_id": r["task_id"],
            "solution": prompt_base(r, language, with_docs=False) + r["buggy_solution"],
        }
        for r in chosen
    ]
    return {"canonical": canonical, "buggy": buggy}


def judged(language: str, kind: str, samples: list[dict], workers: int, tmp: Path) -> list:
    path = tmp / f"{language}-{kind}.jsonl"
    path.write_text("".join(json.dumps(sample) + "\n" for sample in samples))
    load = LoadOptions.from_environment(language=language)
    config = EvalConfig("humanevalfix", out=tmp / f"{language}-{kind}", load=load, workers=workers)
    return evaluate_samples(config, path).results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default=",".join(LANGUAGE_CODES))
    parser.add_argument("--limit", type=int, default=None, help="first N tasks per language")
    parser.add_argument("--canonical", default="humanevalfix", help="whose references to judge")
    parser.add_argument("--canonical-only", action="store_true", help="skip the buggy programs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    load = LoadOptions.from_environment()
    if load.data_dir is None:
        load = LoadOptions(data_dir=REPO.parent / "shared" / "datasets")
    report: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for language in args.languages.split(","):
            samples = programs(language, load, args.limit, args.canonical)
            if args.canonical_only:
                samples["buggy"] = []
            results = {
                kind: judged(language, kind, found, args.workers, Path(scratch)) if found else []
                for kind, found in samples.items()
            }
            canonical_failures = [r for r in results["canonical"] if not r.passed]
            buggy_passes = [r for r in results["buggy"] if r.passed]
            report[language] = {
                "tasks": len(results["canonical"]),
                "canonical_passed": len(results["canonical"]) - len(canonical_failures),
                "buggy_failed": len(results["buggy"]) - len(buggy_passes),
                "canonical_failures": [(r.task_id, r.status, r.detail) for r in canonical_failures],
                "buggy_passes": [r.task_id for r in buggy_passes],
            }
            row = report[language]
            print(
                f"{language:11} tasks {row['tasks']:4}  canonical pass {row['canonical_passed']:4}"
                f"  buggy fail {row['buggy_failed']:4}",
                flush=True,
            )
            for task_id, status, detail in row["canonical_failures"]:
                print(f"    canonical {task_id}: {status}: {detail[:200]}")
            for task_id in row["buggy_passes"]:
                print(f"    buggy {task_id} passes")
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
