"""`execbench augment`: grow a benchmark's tests (EvalPlus style) into a custom-task file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from execbench.api import EvalConfig, augment_benchmark
from execbench.cli.app import app
from execbench.cli.options import JsonFlag, eval_options
from execbench.cli.progress import stdout
from execbench.testgen.augment import AugmentSettings

_DEFAULTS = AugmentSettings()


@app.command()
@eval_options(omit=("k", "out", "cpu_limit", "min_cpu_limit", "memory_mb"))
def augment(
    config: EvalConfig,
    out: Annotated[Path, typer.Option("--out", "-o", help="The custom-task JSONL to write.")],
    budget: Annotated[
        float, typer.Option("--budget", help="Wall seconds per task, at most.")
    ] = _DEFAULTS.budget_s,
    tries: Annotated[
        int, typer.Option("--tries", help="Candidate inputs per task.")
    ] = _DEFAULTS.tries,
    max_new: Annotated[
        int, typer.Option("--max-new", help="New inputs kept per task, at most.")
    ] = _DEFAULTS.max_new,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = _DEFAULTS.seed,
    json_output: JsonFlag = False,
) -> None:
    """Add inputs that raise coverage or kill mutants; run it with -b custom --data OUT."""
    settings = AugmentSettings(seed=seed, tries=tries, budget_s=budget, max_new=max_new)
    with stdout.status(f"{config.benchmark}: augmenting") as status:
        report = augment_benchmark(
            config, out, settings, lambda task_id: status.update(f"augmented {task_id}")
        )
    if json_output:
        print(json.dumps(report.to_dict(), indent=2))
        return
    stdout.print(
        f"[bold]{report.n_tasks}[/] tasks ({report.resumed_tasks} from before): "
        f"{report.seed_cases} seed inputs + {report.new_cases} new; "
        f"{report.killed} of {report.mutants} mutants killed; written to {out}"
    )
    if report.cut_by_budget:
        stdout.print(f"cut short by --budget: {', '.join(report.cut_by_budget)}")
    for task_id, why in report.skipped.items():
        stdout.print(f"[yellow]not augmented[/] {task_id}: {why}")
