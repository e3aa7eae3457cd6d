"""/v1/judge and /v1/judge/batch: the verdicts `execbench evaluate` gives, for a benchmark's
tasks or inline ones, one at a time, all together, or streamed as they finish."""

from __future__ import annotations

import json

from tests.support import completion_of, read_jsonl, run_cli, write_jsonl

RESULT_FIELDS = (
    "task_id", "status", "passed", "detail", "error_type", "failure_kind", "native_status",
    "tests_run", "parts", "program_sha256",
)  # fmt: skip
ADD_TASK = {
    "id": "add",
    "prompt": "def add(a, b):\n",
    "entry_point": "add",
    "tests": {"calls": [{"args": [1, 2], "expected": 3}, {"args": [2, 2], "expected": 4}]},
}


def samples(humaneval_tasks) -> list[dict]:
    records = []
    for task_id in ("HumanEval/0", "HumanEval/2"):
        task = humaneval_tasks[task_id]
        records.append({"task_id": task_id, "completion": completion_of(task)})
        records.append({"task_id": task_id, "completion": "    return None\n"})
        records.append({"task_id": task_id, "completion": "    while True:\n        pass\n"})
    records.append({"task_id": "HumanEval/2", "completion": "    raise ValueError('no')\n"})
    # Right, but slow: past the budget scaled from the reference, well within the ceiling.
    slow = "    import time\n    t = time.process_time()\n    while time.process_time() - t < 1.5:"
    slow += "\n        pass\n"
    task = humaneval_tasks["HumanEval/2"]
    records.append({"task_id": "HumanEval/2", "completion": slow + completion_of(task)})
    return records


def test_each_verdict_is_the_one_evaluate_gives(server, humaneval_tasks, tmp_path):
    records = samples(humaneval_tasks)
    samples_file = write_jsonl(tmp_path / "samples.jsonl", records)
    evaluated = run_cli("evaluate", "-b", "humaneval", "--samples", str(samples_file),
                        "--out", str(tmp_path / "out"), "--workers", "1")  # fmt: skip
    assert evaluated.returncode == 0, evaluated.stderr
    expected = read_jsonl(tmp_path / "out" / "results.jsonl")
    with server.client() as client:
        answers = [
            client.post("/v1/judge", json={"benchmark": "humaneval", **record}).json()
            for record in records
        ]
    got = [{name: answer[name] for name in RESULT_FIELDS} for answer in answers]
    got = [{**each, "parts": {k: list(v) for k, v in each["parts"].items()}} for each in got]
    assert got == [{name: line[name] for name in RESULT_FIELDS} for line in expected]
    assert {line["status"] for line in expected} == {"passed", "failed", "timeout", "error"}
    assert expected[-1]["status"] == "timeout"  # the slow right answer, as evaluate scales it
    assert [answer["reward"] for answer in answers] == [float(line["passed"]) for line in expected]


def test_an_inline_task_is_judged_and_a_bad_one_named(server):
    with server.client() as client:
        right = client.post("/v1/judge", json={"task": ADD_TASK, "completion": "    return a + b"})
        wrong = client.post("/v1/judge", json={"task": ADD_TASK, "completion": "    return 3"})
        broken = {**ADD_TASK, "tests": {"calls": []}}
        refused = client.post("/v1/judge", json={"task": broken, "completion": "    return 3"})
        both = client.post("/v1/judge", json={"task": ADD_TASK, "completion": "", "solution": ""})
    assert right.json()["status"] == "passed" and right.json()["reward"] == 1.0
    assert wrong.json()["status"] == "failed" and wrong.json()["reward"] == 0.0
    assert refused.status_code == 400 and "tests.calls" in refused.json()["detail"]
    assert both.status_code == 422


def test_a_batch_answers_in_order_or_streams_as_items_finish(server):
    items = [
        {"task": ADD_TASK, "completion": "    return a + b"},
        {"task": ADD_TASK, "completion": "    return a - b"},
        {"task": {**ADD_TASK, "id": "add-again"}, "solution": "def add(a, b):\n    return a + b"},
    ]
    with server.client() as client:
        together = client.post("/v1/judge/batch", json={"items": items})
        with client.stream("POST", "/v1/judge/batch", json={"items": items, "stream": True}) as s:
            assert s.headers["content-type"].startswith("application/x-ndjson")
            lines = [json.loads(line) for line in s.iter_lines() if line]
        unknown = [
            items[0],
            {"benchmark": "humaneval", "task_id": "HumanEval/9999", "response": ""},
        ]
        refused = client.post("/v1/judge/batch", json={"items": unknown})
    statuses = ["passed", "failed", "passed"]
    assert [result["status"] for result in together.json()["results"]] == statuses
    assert sorted(line["index"] for line in lines) == [0, 1, 2]
    assert [line["status"] for line in sorted(lines, key=lambda line: line["index"])] == statuses
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("items[1].") and "HumanEval/9999" in refused.text
