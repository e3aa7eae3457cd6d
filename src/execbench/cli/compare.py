"""`execbench compare`: two runs of one benchmark, task by task, with an interval and a test."""

from __future__ import annotations

import json

from execbench.analysis.compare import compare_runs
from execbench.cli.analysis_options import AnalysisJson, CommonTasks, RunDir
from execbench.cli.app import app
from execbench.cli.consoles import stdout
from execbench.report.analysis_tables import print_comparison


@app.command()
def compare(
    run_a: RunDir,
    run_b: RunDir,
    json_output: AnalysisJson = False,
    common_tasks: CommonTasks = False,
) -> None:
    """Compare two runs: pass@1 delta (B - A) with a paired 95% interval and p-value, the tasks
    only one solves, and how failure kinds changed. Reads the stored verdicts only."""
    comparison = compare_runs(run_a, run_b, common_tasks)
    if json_output:
        print(json.dumps(comparison.to_dict(), indent=2))
        return
    print_comparison(comparison, stdout)
