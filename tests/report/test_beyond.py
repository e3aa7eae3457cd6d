"""eff@k, costs and robust figures appear, with their intervals, in the terminal and the page."""

from __future__ import annotations

from rich.console import Console

from execbench.core import Limits
from execbench.metrics.summary import build_summary
from execbench.report.html import render_html
from execbench.report.table import print_summary
from execbench.store import ResultLine


def summary_with_everything():
    lines = [
        ResultLine(
            task_id=task_id, sample_index=0, status="passed", passed=True, program_sha256="x"
        )
        for task_id in ("nominal/HumanEval/0", "func_name/FuncRenameSwapChar/s0/HumanEval/0")
    ]
    measures = {
        (line.task_id, 0): {
            "enamel": {"eff": 0.625, "eff_lines": 0.5, "spread": 0.1},
            "cost": {"net": 3.25, "nmu": 1.0, "ntmu": 3.0, "cpu_spread": 0.05, "repeats": 5},
        }
        for line in lines
    }
    return build_summary(
        benchmark="recode", model="m", results=lines, ks=(1,), sandbox="none",
        limits=Limits(), resumed=0, elapsed_s=1.0, measures=measures,
    )  # fmt: skip


def test_the_terminal_summary_shows_each_figure_with_its_interval() -> None:
    console = Console(record=True, width=200)
    print_summary(summary_with_everything(), console)
    text = console.export_text()
    assert "Efficiency (ENAMEL)" in text and "0.6250 [0.6250, 0.6250]" in text
    assert "Costs against the reference (EffiBench)" in text and "3.2500" in text
    assert "Robustness (ReCode)" in text and "func_name/FuncRenameSwapChar" in text
    assert "1/10" in text  # one variant stored of ReCode's ten


def test_the_page_shows_them_too() -> None:
    page = render_html(summary_with_everything(), [])
    for title in ("Efficiency (ENAMEL)", "Costs against the reference", "Robustness (ReCode)"):
        assert title in page
    assert "0.6250 [0.6250, 0.6250]" in page
