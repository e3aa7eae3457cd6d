"""BigCodeBench fidelity: execbench against the official `bigcodebench.evaluate`, same samples.

    .venv/bin/python bench/bench_bigcodebench.py --official-python /tmp/bcb-official/bin/python \
        [--subset hard|full] [--tasks N] [--split complete|instruct] [--workers N] [--out FILE]

Samples per task, every one a whole program (`solution`): the reference; up to two seeded AST
mutants of it (bench/fidelity_samples.py); for every second task the reference without its
import lines (judged "calibrated" by both: the code prompt's imports come first); for every
fourth a crash on entry; for every fifth a slow one (1.5 s asleep per call). No hanging samples:
both harnesses give each 240 s. Prints the agreement (pass or not, per sample), every
disagreement with both sides' reasons, and both wall times.

The official harness runs in its own Python 3.10 environment with the same packages as execbench's
`bigcodebench` environment (prepare that first: `execbench env prepare bigcodebench`):

    ENV=$(ls -d ~/.cache/execbench/envs/bigcodebench-py3.10-*)
    python3.10 -m venv /tmp/bcb-official
    # the environment's packages first on the path, so that nothing installed below shadows a pin
    echo "import sys; sys.path.insert(0, '$ENV/lib/python3.10/site-packages')" \
        > /tmp/bcb-official/lib/python3.10/site-packages/00-bigcodebench-env.pth
    /tmp/bcb-official/bin/pip install bigcodebench==0.2.5 --no-deps
    # what `bigcodebench.evaluate` imports besides the pinned packages (its Dockerfile's list,
    # less the generation backends it never imports to evaluate)
    /tmp/bcb-official/bin/pip install appdirs fire multipledispatch pqdm tempdir termcolor \
        tqdm tree_sitter tree-sitter-python wget gradio-client e2b datasets

It runs `python -m bigcodebench.evaluate --execution local --no_gt` on the selected tasks (the
data given with BIGCODEBENCH_OVERRIDE_PATH). `--no_gt` skips its ground-truth timing, which only
matters where a reference takes longer than its 240 s limit. Neither side reaches the network.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from execbench.api import EvalConfig, evaluate_samples
from execbench.tasks import LoadOptions, get_benchmark
from execbench.tasks.jsonl import read_jsonl
from fidelity_samples import Sample, mutant, stable_seed, with_prologue

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "datasets" / "bigcodebench"
FULL_FILE = DATA / "BigCodeBench-v0.1.4.reconstructed.jsonl.gz"


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def without_imports(program: str) -> str:
    """The program less its top-level import statements."""
    tree = ast.parse(program)
    lines = program.splitlines()
    drop = {
        number
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for number in range(node.lineno - 1, (node.end_lineno or node.lineno))
    }
    return "\n".join(line for number, line in enumerate(lines) if number not in drop) + "\n"


def samples_for(task_id: str, reference: str, number: int) -> list[Sample]:
    found = [Sample(task_id, "reference", reference)]
    for k in range(2):
        changed = mutant(reference, "task_func", stable_seed(task_id, k))
        if changed is not None and changed != reference:
            found.append(Sample(task_id, f"mutant{k}", changed))
    if number % 2 == 0:
        found.append(Sample(task_id, "no-imports", without_imports(reference)))
    if number % 4 == 1:
        found.append(
            Sample(task_id, "crash", with_prologue(reference, "task_func", "raise ValueError"))
        )
    if number % 5 == 2:
        slow = "import time\ntime.sleep(1.5)"
        found.append(Sample(task_id, "slow", with_prologue(reference, "task_func", slow)))
    return found


def chosen_records(subset: str, count: int | None) -> list[dict]:
    records = [record for _, record in read_jsonl(FULL_FILE)]
    if subset == "hard":
        hard = {task.task_id for task in get_benchmark("bigcodebench-hard").load(
            LoadOptions(data_dir=DATA.parent)
        )}  # fmt: skip
        records = [record for record in records if record["task_id"] in hard]
    if count is not None and count < len(records):
        step = len(records) / count  # spread over the benchmark, deterministically
        records = [records[int(k * step)] for k in range(count)]
    return records


def run_execbench(
    subset: str, split: str, data: Path, samples: Path, workers: int, tmp: Path
) -> tuple[dict[tuple[str, int], tuple[bool, str]], float]:
    name = "bigcodebench-hard" if subset == "hard" else "bigcodebench"
    config = EvalConfig(
        name, out=tmp / "execbench", load=LoadOptions(data=data, split=split), workers=workers
    )
    started = time.monotonic()
    outcome = evaluate_samples(config, samples)
    elapsed = time.monotonic() - started
    verdicts = {
        (line.task_id, line.sample_index): (line.passed, f"{line.status}: {line.detail}"[:300])
        for line in outcome.results
    }
    return verdicts, elapsed


def run_official(
    python: str, subset: str, split: str, data: Path, samples: Path, ids: list[str], workers: int
) -> tuple[dict[tuple[str, int], tuple[bool, str]], float]:
    command = [
        python, "-m", "bigcodebench.evaluate", "--execution", "local", "--split", split,
        "--subset", subset, "--samples", str(samples), "--selective_evaluate", ",".join(ids),
        "--parallel", str(workers), "--no_gt",
        # 0.2.5 iterates over --pass_k as given: Fire reads "1,1" as a tuple, "1" as an int.
        "--pass_k", "1,1",
    ]  # fmt: skip
    environment = {**os.environ, "BIGCODEBENCH_OVERRIDE_PATH": str(data)}
    started = time.monotonic()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"bigcodebench.evaluate failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    results = json.loads(samples.with_name(samples.stem + "_eval_results.json").read_text())
    verdicts = {}
    for task_id, entries in results["eval"].items():
        for index, entry in enumerate(entries):
            reason = json.dumps(entry["details"])[:300]
            verdicts[(task_id, index)] = (entry["status"] == "pass", f"{entry['status']}: {reason}")
    return verdicts, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--official-python", required=True)
    parser.add_argument("--subset", choices=("hard", "full"), default="hard")
    parser.add_argument("--split", choices=("complete", "instruct"), default="complete")
    parser.add_argument("--tasks", type=int, default=None, help="spread over the subset")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--out", type=Path, default=None, help="keep the comparison as JSON")
    args = parser.parse_args()

    records = chosen_records(args.subset, args.tasks)
    samples = [
        sample
        for number, record in enumerate(records)
        for sample in samples_for(
            record["task_id"],
            record["complete_prompt"] + "\n" + record["canonical_solution"],
            number,
        )
    ]
    with tempfile.TemporaryDirectory() as directory:
        tmp = Path(directory)
        data = write_jsonl(tmp / "data.jsonl", records)
        path = write_jsonl(
            tmp / "samples.jsonl", [{"task_id": s.task_id, "solution": s.solution} for s in samples]
        )
        ours, our_time = run_execbench(args.subset, args.split, data, path, args.workers, tmp)
        theirs, their_time = run_official(
            args.official_python, args.subset, args.split, data, path,
            [record["task_id"] for record in records], args.workers,
        )  # fmt: skip
    index: dict[str, int] = {}
    rows = []
    for sample in samples:
        position = index[sample.task_id] = index.get(sample.task_id, -1) + 1
        key = (sample.task_id, position)
        rows.append({"task_id": sample.task_id, "kind": sample.kind, "execbench": ours[key],
                     "official": theirs[key]})  # fmt: skip
    disagreements = [row for row in rows if row["execbench"][0] != row["official"][0]]
    agreement = 1 - len(disagreements) / len(rows)
    print(f"{len(records)} tasks ({args.subset}, {args.split}), {len(rows)} samples")
    print(f"agreement {agreement:.4f} ({len(rows) - len(disagreements)}/{len(rows)})")
    print(f"passed: execbench {sum(r['execbench'][0] for r in rows)}, "
          f"official {sum(r['official'][0] for r in rows)}")  # fmt: skip
    print(f"wall: execbench {our_time:.1f} s, official {their_time:.1f} s, "
          f"ratio {their_time / our_time:.2f}")  # fmt: skip
    for row in disagreements:
        print(f"- {row['task_id']} [{row['kind']}]\n    execbench: {row['execbench'][1]}\n"
              f"    official:  {row['official'][1]}")  # fmt: skip
    if args.out:
        args.out.write_text(json.dumps({"agreement": agreement, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
