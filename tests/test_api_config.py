"""The Python API's configuration reads the environment as the command line does."""

from __future__ import annotations

from execbench.api import EvalConfig, load_all_tasks


def test_eval_config_finds_the_data_in_execbench_data_dir(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # nothing cached to fall back on
    monkeypatch.setenv("EXECBENCH_DATA_DIR", str(data_dir))
    monkeypatch.setenv("EXECBENCH_OFFLINE", "1")
    config = EvalConfig("cruxeval-o")
    assert config.load.data_dir == data_dir and config.load.offline
    assert len(load_all_tasks(config)) == 800
