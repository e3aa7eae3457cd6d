"""Calibrated per-task limits live in the run store, so a resumed run reuses them."""

from dataclasses import asdict

from execbench.core import Limits
from execbench.store import RunStore


def _basis(ceiling: Limits, floor_s: float = 0.25) -> dict:
    return {"ceiling": asdict(ceiling), "policy": {"factor": 5.0, "floor_s": floor_s}}


def test_limits_survive_reopening_the_store(tmp_path):
    ceiling = Limits(cpu_s=8.0, wall_s=18.0)
    calibrated = {"HumanEval/0": Limits(cpu_s=1.0, wall_s=5.0)}
    with RunStore.in_directory(tmp_path) as store:
        assert store.task_limits(_basis(ceiling)) == {}
        store.save_task_limits(_basis(ceiling), calibrated)
    with RunStore.in_directory(tmp_path) as store:
        assert store.task_limits(_basis(ceiling)) == calibrated


def test_limits_derived_from_another_ceiling_or_rule_are_not_reused(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        store.save_task_limits(_basis(Limits(cpu_s=8.0)), {"t": Limits(cpu_s=1.0)})
        assert store.task_limits(_basis(Limits(cpu_s=4.0))) == {}
        assert store.task_limits(_basis(Limits(cpu_s=8.0), floor_s=1.0)) == {}
