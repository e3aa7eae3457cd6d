"""`execbench run -m reference`: the canonical solutions through the whole pipeline."""

import json

from tests.support import run_cli


def test_reference_model_scores_every_humaneval_task(tmp_path):
    out = tmp_path / "out"
    done = run_cli("run", "-b", "humaneval", "-m", "reference", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["n_tasks"] == 164
    assert summary["pass_at_k"] == {"1": 1.0}
    assert summary["status_counts"] == {"passed": 164}
    assert (out / "report.html").is_file()
