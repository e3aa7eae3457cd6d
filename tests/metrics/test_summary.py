"""summary.json figures computed from results lines."""

import pytest

from execbench.core import Limits
from execbench.metrics.summary import build_summary
from execbench.store import ResultLine


def line(task_id: str, index: int, status: str, parts=None) -> ResultLine:
    return ResultLine(
        task_id=task_id,
        sample_index=index,
        status=status,
        passed=status == "passed",
        parts=parts or {},
        program_sha256="0" * 64,
    )


def summarize(results, ks=None):
    return build_summary(
        benchmark="b", model="m", results=results, ks=ks, sandbox="s", limits=Limits(),
        resumed=0, elapsed_s=1.0,
    )  # fmt: skip


def test_part_rates_sum_over_samples_beside_the_class_level_pass_rate():
    results = [
        line("ClassEval_0", 0, "passed", {"methods": (4, 4)}),
        line("ClassEval_1", 0, "failed", {"methods": (1, 3)}),
    ]
    summary = summarize(results)
    assert summary.pass_at_k == {"1": 0.5}
    methods = summary.part_pass_rates["methods"]
    assert (methods.passed, methods.total) == (5, 7)
    assert methods.rate == pytest.approx(5 / 7)


def test_benchmarks_without_parts_report_none():
    assert summarize([line("t", 0, "passed")]).part_pass_rates == {}


def test_default_ks_keep_only_those_every_task_can_support():
    results = [line("a", i, "passed") for i in range(10)] + [line("b", 0, "failed")]
    summary = summarize(results)
    assert summary.pass_at_k == {"1": pytest.approx((1.0 + 0.0) / 2)}
    assert summary.pass_at_k_unavailable == {}


def test_failure_kinds_native_statuses_and_interval_reach_the_summary():
    def kinded(task_id, index, status, kind=None, native=None):
        return line(task_id, index, status).model_copy(
            update={"failure_kind": kind, "native_status": native}
        )

    results = [
        kinded("a", 0, "passed", native="OK"),
        kinded("b", 0, "error", "runtime_error:TypeError", "Exception"),
        kinded("c", 0, "failed", "wrong_answer", "Exception"),
        kinded("d", 0, "failed", "wrong_answer", "Exception"),
    ]
    summary = summarize(results)
    assert summary.failure_kinds == {"wrong_answer": 2, "runtime_error:TypeError": 1}
    assert summary.native_status_counts == {"Exception": 3, "OK": 1}
    low, high = summary.pass_at_k_ci95["1"]
    assert 0.0 <= low < 0.25 < high <= 1.0
    assert summary.schema_version == 2


def test_a_registered_metric_fills_its_own_summary_field():
    from execbench.metrics import register_metric, registered_metrics
    from execbench.metrics.base import METRICS

    @register_metric("sample_count_squared")
    def squared(run):
        return {"sample_count_squared": len(run.lines) ** 2}

    try:
        assert "sample_count_squared" in registered_metrics()
        summary = summarize([line("a", 0, "passed"), line("a", 1, "failed")])
        assert summary.model_dump()["sample_count_squared"] == 4
        assert '"sample_count_squared": 4' in summary.model_dump_json(indent=2)
    finally:
        METRICS.unregister("sample_count_squared")
