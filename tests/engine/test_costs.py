"""EffiBench-style costs: what the measuring sandbox notes; `--measure-efficiency` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from execbench.api import EvalConfig, evaluate_samples
from execbench.core import Limits, Program
from execbench.engine.costs import measure_program
from execbench.engine.measuring_sandbox import MeasuringSandbox
from execbench.judge.runnable import python_argv
from execbench.store import RunStore


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_the_measuring_sandbox_notes_cpu_and_peak_memory(sandbox) -> None:
    measuring = MeasuringSandbox(sandbox)
    program = b"block = bytearray(150 * 1024 * 1024)\nsum(range(3_000_000))\n"
    measuring.run(python_argv("grow.py", measuring), Limits(), {"grow.py": program})
    session = measuring.open_python(Limits())
    session.load("x = 1")
    session.close()
    session.close()  # a second close is not a second execution
    usage = measuring.usage
    assert len(usage.executions) == 2
    assert usage.peak_mb > 150
    assert usage.cpu_s > 0
    assert usage.mb_s == pytest.approx(sum(e.max_rss_kb / 1024 * e.cpu_s for e in usage.executions))


def test_a_program_that_fails_when_measured_is_left_unmeasured(humaneval_tasks, sandbox) -> None:
    task = humaneval_tasks["HumanEval/0"]
    wrong = Program("python", task.prompt + "    return False\n")
    assert measure_program(task, wrong, sandbox, Limits(), 2)["unmeasured"].startswith(
        "did not pass again"
    )


def test_measure_efficiency_gives_passing_samples_their_ratios(tmp_path: Path) -> None:
    samples = tmp_path / "samples.jsonl"
    lines = [
        {"task_id": "HumanEval/0", "completion": "    return False\n"},
        {"task_id": "HumanEval/2", "completion": "    return number % 1.0\n"},
        {"task_id": "HumanEval/2", "completion": "    return number - int(number)\n"},
    ]
    samples.write_text("".join(json.dumps(line) + "\n" for line in lines))
    config = EvalConfig("humaneval", out=tmp_path / "run", workers=1, efficiency_repeats=2)
    summary = evaluate_samples(config, samples).summary.model_dump()
    with RunStore.existing(tmp_path / "run") as store:
        measures = store.measures()
    assert ("HumanEval/0", 0) not in measures  # failed: nothing to measure
    cost = measures[("HumanEval/2", 0)]["cost"]
    assert cost["repeats"] == 2
    assert cost["net"] == pytest.approx(cost["cpu_s"] / cost["reference"]["cpu_s"], rel=1e-4)
    assert cost["nmu"] == pytest.approx(cost["peak_mb"] / cost["reference"]["peak_mb"], rel=1e-4)
    figures = summary["efficiency"]
    assert figures["samples_measured"] == 2 and figures["repeats"] == 2
    assert set(figures) >= {"net", "nmu", "ntmu", "cpu_spread"}
    # The reference was measured once and kept for this machine.
    assert list((tmp_path / "cache" / "execbench" / "efficiency" / "costs").glob("*.json"))
