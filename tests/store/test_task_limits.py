"""Calibrated per-task limits live in the run store, so a resumed run reuses them."""

from execbench.core import Limits
from execbench.store import RunStore


def test_limits_survive_reopening_the_store(tmp_path):
    ceiling = Limits(cpu_s=8.0, wall_s=18.0)
    calibrated = {"HumanEval/0": Limits(cpu_s=1.0, wall_s=5.0)}
    with RunStore.in_directory(tmp_path) as store:
        assert store.task_limits(ceiling) == {}
        store.save_task_limits(ceiling, calibrated)
    with RunStore.in_directory(tmp_path) as store:
        assert store.task_limits(ceiling) == calibrated


def test_limits_calibrated_under_another_ceiling_are_not_reused(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        store.save_task_limits(Limits(cpu_s=8.0), {"t": Limits(cpu_s=1.0)})
        assert store.task_limits(Limits(cpu_s=4.0)) == {}
