"""The `ray` executor on a two-node Ray cluster started here (one CPU each): the same results as
the local executor, byte for byte, even when a node is lost mid-run; resumable by either."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from execbench.api import EvalConfig, evaluate_samples
from tests.engine.test_resume_after_kill import verdict_rows
from tests.support import write_jsonl

ray = pytest.importorskip(
    "ray", reason="Ray is not installed (pip install -e '.[ray]'; scripts/test.sh installs it)"
)

TASKS = [f"HumanEval/{i}" for i in range(8)]
# CPU time, not sleep: each sample keeps its node busy long enough for the loss to hit a job.
BUSY = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3:\n    pass\n"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
    )
    ray.init(address=cluster.address, log_to_driver=False)
    try:
        yield cluster
    finally:
        ray.shutdown()
        cluster.shutdown()


def samples(humaneval_tasks, path: Path) -> Path:
    records = []
    for task_id in TASKS:
        task = humaneval_tasks[task_id]
        records.append({"task_id": task_id, "solution": BUSY + task.reference})
        records.append({"task_id": task_id, "solution": task.prompt + "    return None\n"})
    return write_jsonl(path, records)


def evaluate(config: EvalConfig, samples_file: Path, timeout_s: float = 300) -> None:
    """`evaluate_samples` in a thread, so that a run that never ends fails the test."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            evaluate_samples(config, samples_file)
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout_s)
    assert not thread.is_alive(), "the run did not finish"
    assert not failure, failure


def test_a_node_lost_mid_run_loses_no_verdict_and_changes_none(cluster, humaneval_tasks, tmp_path):
    samples_file = samples(humaneval_tasks, tmp_path / "samples.jsonl")
    local = EvalConfig("humaneval", out=tmp_path / "local", workers=1)
    evaluate(local, samples_file)

    doomed = cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    on_ray = EvalConfig("humaneval", out=tmp_path / "ray", executor="ray")
    store = on_ray.out / "run.sqlite"

    def lose_the_node_once_judging_is_under_way() -> None:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                if len(verdict_rows(store)) >= 3:
                    break
            except Exception:  # not written yet
                pass
            time.sleep(0.05)
        cluster.remove_node(doomed)

    killer = threading.Thread(target=lose_the_node_once_judging_is_under_way, daemon=True)
    killer.start()
    with pytest.warns(UserWarning, match="Ray node was lost"):
        evaluate(on_ray, samples_file)
    killer.join()

    expected = (local.out / "results.jsonl").read_bytes()
    assert (on_ray.out / "results.jsonl").read_bytes() == expected
    assert len(expected.splitlines()) == 2 * len(TASKS)

    # The store is the single source of truth: the local executor resumes the Ray run as its own.
    before = verdict_rows(store)
    evaluate(EvalConfig("humaneval", out=on_ray.out, workers=1), samples_file)
    assert verdict_rows(store) == before  # nothing judged again
    assert (on_ray.out / "results.jsonl").read_bytes() == expected
