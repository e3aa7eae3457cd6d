"""Verdicts are kept for a resumed run only if they were reached under the same settings."""

from execbench.core import Program, Sample, SampleFormat, Status, Verdict
from execbench.models.base import Generation
from execbench.store import RunStore
from execbench.store.generations import SqliteGenerationCache

SAMPLE = Sample("HumanEval/0", 0, "    return 1\n", SampleFormat.COMPLETION)
PROGRAM = Program("python", "def f():\n    return 1\n")


def _settings(cpu_s: float) -> dict:
    return {"sandbox": "namespace", "limits": {"cpu_s": cpu_s}, "data": {"file": None}}


def test_other_settings_drop_the_verdicts_but_keep_the_model_answers(tmp_path):
    with RunStore.in_directory(tmp_path) as store:
        store.judge_under(_settings(1.0))
        store.record(SAMPLE, PROGRAM, Verdict(Status.TIMEOUT, "cpu limit"))
    with SqliteGenerationCache(tmp_path / "run.sqlite") as cache:
        cache.put("key", SAMPLE.task_id, 0, Generation(SAMPLE.text))

    with RunStore.in_directory(tmp_path) as store:
        store.judge_under(_settings(1.0))
        assert set(store.judged_programs()) == {(SAMPLE.task_id, 0)}
        store.judge_under(_settings(2.0))
        assert store.judged_programs() == {}
    with RunStore.in_directory(tmp_path) as store:
        store.judge_under(_settings(2.0))
        store.record(SAMPLE, PROGRAM, Verdict(Status.PASSED))
    with RunStore.in_directory(tmp_path) as store:
        store.judge_under(_settings(2.0))
        assert store.judged_programs()[(SAMPLE.task_id, 0)].passed
    with SqliteGenerationCache(tmp_path / "run.sqlite") as cache:
        assert cache.get(["key"])["key"].text == SAMPLE.text
