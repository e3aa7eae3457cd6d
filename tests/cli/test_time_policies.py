"""Named time policies through the real CLI: each harness's rule decides a slow sample's verdict."""

from __future__ import annotations

import json

from execbench.api import default_out
from tests.support import completion_of, run_cli, write_jsonl


def burning_first(seconds: float) -> str:
    """A completion that spends `seconds` of CPU in its first call, then answers right."""
    return (
        "    import time\n"
        "    if not globals().get('burnt'):\n"
        "        globals()['burnt'] = True\n"
        f"        end = time.process_time() + {seconds}\n"
        "        while time.process_time() < end:\n"
        "            pass\n"
    )


def test_each_call_held_to_the_named_harness_rule(tmp_path, humaneval_tasks, data_dir, monkeypatch):
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(data_dir))  # the HumanEval+ release, offline
    # 1.5 s in one call: over EvalPlus 0.3.1's max(1 s, 4x reference), under head's max(4 s, ...).
    task = humaneval_tasks["HumanEval/0"]
    samples = write_jsonl(
        tmp_path / "s.jsonl",
        [{"task_id": "HumanEval/0", "completion": burning_first(1.5) + completion_of(task)}],
    )
    run = ["evaluate", "-b", "humanevalplus", "-s", str(samples), "-o", str(tmp_path / "out")]
    verdicts = {}
    for policy in ("evalplus-0.3.1", "evalplus-head"):
        if policy == "evalplus-head":  # the same --out, made under another policy
            refused = run_cli(*run, "--time-policy", policy)
            assert refused.returncode == 2, refused.stderr
        done = run_cli(*run, "--json", "--time-policy", policy, "--force")
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert summary["time_policy"] == policy
        verdicts[policy] = summary["status_counts"]
    assert verdicts == {"evalplus-0.3.1": {"timeout": 1}, "evalplus-head": {"passed": 1}}


def test_human_eval_gives_every_sample_three_seconds(tmp_path, humaneval_tasks):
    # 2 s of CPU: far over the lowest scaled budget (0.5 s) and over --cpu-limit, under 3 s.
    task = humaneval_tasks["HumanEval/2"]
    samples = write_jsonl(
        tmp_path / "s.jsonl",
        [{"task_id": "HumanEval/2", "completion": burning_first(2.0) + completion_of(task)}],
    )
    run = ["evaluate", "-b", "humaneval", "-s", str(samples), "-o", str(tmp_path / "out")]
    done = run_cli(*run, "--json", "--cpu-limit", "1", "--time-policy", "human-eval")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["status_counts"] == {"passed": 1}
    assert (summary["time_policy"], summary["limits"]["cpu_s"]) == ("human-eval", 3.0)


def test_an_unknown_policy_is_named_with_the_known_ones(tmp_path):
    samples = write_jsonl(tmp_path / "s.jsonl", [{"task_id": "HumanEval/0", "completion": ""}])
    done = run_cli("evaluate", "-b", "humaneval", "-s", str(samples), "--time-policy", "fast")
    assert done.returncode == 2
    assert "unknown time policy 'fast' (known: evalplus-head, evalplus-0.3.1" in done.stderr


def test_a_run_under_another_policy_gets_its_own_default_folder():
    default = default_out("humanevalplus", None, "samples", "0123456789")
    other = default_out("humanevalplus", None, "samples", "0123456789", time_policy="human-eval")
    assert other != default and other.name.startswith("humanevalplus-human-eval__")
