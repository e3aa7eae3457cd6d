"""Time `execbench leaderboard` and `execbench compare` on stored runs (the issue's bar: < 2 s).

    .venv/bin/python bench/bench_leaderboard.py [--runs 8] [--tasks 164] [--samples 10]

Makes the runs first (outside the timing) from synthesized verdicts, written through the real
run store and run files exactly as `evaluate` leaves them; each run has its own skill, so the
ratings differ. Then times the real command line, Python start-up included, and prints the
seconds for each command next to the 2 s bar.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: the run writer

from tests.support.runs import write_run

from execbench.core import Status, Verdict

BAR_S = 2.0


def _verdict(rng: random.Random, skill: float) -> Verdict:
    if rng.random() < skill:
        return Verdict(Status.PASSED, tests_run=3)
    return rng.choice(
        [
            Verdict(
                Status.FAILED, "assert f(1) == 2: f(1) returned 3, expected 2", "AssertionError"
            ),
            Verdict(Status.ERROR, "TypeError: unsupported operand", "TypeError"),
            Verdict(Status.TIMEOUT, "cpu limit exceeded"),
        ]
    )


def make_runs(root: Path, runs: int, tasks: int, samples: int) -> list[Path]:
    made = []
    for index in range(runs):
        rng = random.Random(index)
        skill = 0.3 + 0.6 * index / max(runs - 1, 1)
        verdicts = {
            f"HumanEval/{task}": [_verdict(rng, skill) for _ in range(samples)]
            for task in range(tasks)
        }
        made.append(write_run(root / f"run-{index}", f"model-{index}", verdicts))
    return made


def timed(*args: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of the command line; CPU shows the work on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "execbench", *args], check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--tasks", type=int, default=164)
    parser.add_argument("--samples", type=int, default=10)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        runs = make_runs(root / "runs", options.runs, options.tasks, options.samples)
        board = timed("leaderboard", str(root / "runs"), "--json")
        page = timed("leaderboard", str(root / "runs"), "--html", str(root / "board.html"))
        pair = timed("compare", str(runs[0]), str(runs[-1]), "--json")
    print(f"{options.runs} runs x {options.tasks} tasks x {options.samples} samples (wall / CPU s)")
    for name, (wall, cpu) in (
        ("leaderboard --json", board),
        ("leaderboard --html", page),
        ("compare --json", pair),
    ):
        print(f"  {name:20} {wall:5.2f} / {cpu:5.2f}")
    slowest = max(board[0], pair[0])
    print(f"bar: under {BAR_S:.1f} s wall -> {'ok' if slowest < BAR_S else 'OVER'}")


if __name__ == "__main__":
    main()
