"""report.html and the leaderboard page in real headless Chromium: drawn, offline, filterable."""

from __future__ import annotations

import re

import pytest

from execbench.analysis.leaderboard import build_leaderboard
from execbench.core import Status, Verdict
from execbench.report.leaderboard_html import write_leaderboard_html
from tests.support.browser import chromium, keep_screenshot, open_page
from tests.support.runs import write_run

N_TASKS, N_SAMPLES = 164, 10


def _verdict(task: int, sample: int, skill: float) -> Verdict:
    if (task * 7 + sample * 3) % 100 < skill * 100:
        return Verdict(Status.PASSED, tests_run=3)
    if sample % 3 == 0:
        # distinct, long details: the worst case for the page's size
        detail = f"assert candidate({task}, {sample}) == {task * sample}  " + "x" * 560
        return Verdict(Status.FAILED, detail, "AssertionError", tests_run=1)
    if sample % 3 == 1:
        return Verdict(Status.ERROR, f"TypeError: bad operand {task}/{sample}", "TypeError")
    return Verdict(Status.TIMEOUT, "cpu limit exceeded")


def _verdicts(skill: float, n_tasks: int = N_TASKS, n_samples: int = N_SAMPLES):
    return {
        f"HumanEval/{task}": [_verdict(task, s, skill) for s in range(n_samples)]
        for task in range(n_tasks)
    }


def _canvas_painted(page, canvas_id: str) -> bool:
    return page.evaluate(
        """id => { const c = document.getElementById(id);
                   const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                   return false; }""",
        canvas_id,
    )


@pytest.fixture(scope="module")
def browser():
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def run_report(tmp_path_factory):
    out = write_run(tmp_path_factory.mktemp("report") / "run", "model-a", _verdicts(0.6))
    return out / "report.html"


def test_a_1640_sample_report_stays_small(run_report):
    assert run_report.stat().st_size < 2_000_000
    # (the browser tests also fail on any request that leaves the file)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", run_report.read_text())


def test_report_draws_its_charts_without_errors(browser, run_report):
    with open_page(browser, run_report) as (page, problems):
        assert page.get_attribute("body", "data-charts") == "4"
        for canvas in ("chart-pass-at-k", "chart-statuses", "chart-failure-kinds", "chart-strip"):
            assert _canvas_painted(page, canvas), canvas
        keep_screenshot(page, "report.png")
        assert problems == []


def test_report_table_filters_and_sorts(browser, run_report):
    with open_page(browser, run_report) as (page, problems):
        rows = page.locator("#tasks tbody tr")
        assert rows.count() == N_TASKS
        page.fill("#task-filter", "HumanEval/17")
        visible = page.locator("#tasks tbody tr:visible")
        assert visible.count() == 1 and visible.first.locator("td").first.inner_text() == (
            "HumanEval/17"
        )
        assert page.inner_text("#tasks-shown") == "1"
        page.fill("#task-filter", "")
        page.select_option("#outcome-filter", "passing")
        passing = page.locator("#tasks tbody tr:visible")
        assert 0 < passing.count() < N_TASKS
        assert all(r == "1.00" for r in passing.locator("td:nth-child(2)").all_inner_texts())
        page.select_option("#outcome-filter", "all")
        page.click("#tasks th:nth-child(2)")  # pass rate, ascending
        rates = [float(r) for r in page.locator("#tasks td:nth-child(2)").all_inner_texts()]
        assert rates == sorted(rates) and rates[0] < rates[-1]
        assert problems == []


def test_every_failure_is_one_click_away(browser, run_report):
    with open_page(browser, run_report) as (page, problems):
        row = page.locator("#tasks tbody tr", has_text="HumanEval/9").first
        detail = row.locator("pre", has_text="assert candidate(9, 0)")
        assert not detail.is_visible()
        row.locator("summary").click()
        assert detail.is_visible() and "x" * 560 in detail.inner_text()  # collapsed, not cut
        assert problems == []


def test_leaderboard_page_draws_heatmap_and_ratings(browser, tmp_path):
    runs = [
        write_run(tmp_path / f"run-{i}", f"model-{i}", _verdicts(0.2 + 0.1 * i, 40, 1))
        for i in range(4)
    ]
    board = build_leaderboard(runs)
    page_path = tmp_path / "leaderboard.html"
    write_leaderboard_html(board, page_path)
    with open_page(browser, page_path) as (page, problems):
        assert page.get_attribute("body", "data-charts") == "3"
        for canvas in ("chart-pass-at-1", "chart-ratings", "chart-heatmap"):
            assert _canvas_painted(page, canvas), canvas
        models = page.locator("#leaderboard tbody td:nth-child(2)").all_inner_texts()
        assert models == [entry.model for entry in board.entries]
        keep_screenshot(page, "leaderboard.png")
        assert problems == []
