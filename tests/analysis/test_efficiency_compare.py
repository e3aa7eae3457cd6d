"""`compare` sets two runs' efficiency side by side, from the measures stored with the verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from execbench.analysis.compare import compare_runs
from execbench.cli import app, register_commands
from execbench.core import Status, Verdict
from tests.support.runs import write_run


def passed(eff: float, net: float | None = None) -> Verdict:
    measures: dict = {"enamel": {"eff": eff}}
    if net is not None:
        measures["cost"] = {"net": net, "nmu": 1.0, "ntmu": net}
    return Verdict(Status.PASSED, measures=measures)


FAILED = Verdict(Status.FAILED, "wrong", measures={"enamel": {"eff": 0.0}})


@pytest.fixture
def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    a = write_run(
        tmp_path / "a",
        "model-a",
        {"t/0": [passed(0.5, 2.0), FAILED], "t/1": [passed(1.0, 1.0)], "t/2": [FAILED]},
    )
    b = write_run(
        tmp_path / "b",
        "model-b",
        {"t/0": [passed(0.9), passed(0.7)], "t/1": [passed(1.2, 3.0)], "t/2": [FAILED]},
    )
    return a, b


def test_compare_gives_the_efficiency_difference_with_an_interval(two_runs) -> None:
    comparison = compare_runs(*two_runs)
    eff = comparison.efficiency["eff"]
    # Per task means: A (0.25, 1.0, 0.0), B (0.8, 1.2, 0.0).
    assert eff["a"] == pytest.approx(1.25 / 3, abs=1e-6)
    assert eff["b"] == pytest.approx(2.0 / 3, abs=1e-6)
    assert eff["tasks"] == 3
    assert eff["delta"] == pytest.approx(0.75 / 3, abs=1e-6)
    low, high = eff["ci95"]
    assert low <= eff["delta"] <= high
    net = comparison.efficiency["net"]
    assert (net["a"], net["b"], net["tasks"]) == (1.0, 3.0, 1)  # tasks both runs measured


def test_the_compare_command_prints_it(two_runs) -> None:
    register_commands()
    result = CliRunner().invoke(app, ["compare", str(two_runs[0]), str(two_runs[1])])
    assert result.exit_code == 0, result.output
    assert "eff@1 (ENAMEL)" in result.output and "NET" in result.output


def test_runs_without_measures_compare_as_before(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", "a", {"t/0": [Verdict(Status.PASSED)]})
    b = write_run(tmp_path / "b", "b", {"t/0": [Verdict(Status.FAILED)]})
    assert compare_runs(a, b).efficiency == {}
