"""A run that fails before keeping anything takes its folder with it; anything kept stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from execbench.models import Generation
from execbench.store import RunStore, SqliteGenerationCache
from execbench.store.unstarted import discarded_if_unstarted


class Stopped(Exception):
    pass


def fail_after(out: Path, keep=None) -> None:
    with pytest.raises(Stopped), discarded_if_unstarted(out):
        with RunStore.in_directory(out) as store:
            store.bind({"benchmark": "humaneval", "model": "m"})
        if keep:
            keep(out)
        raise Stopped


def test_the_folders_a_failed_run_made_are_removed_up_to_what_was_there(tmp_path: Path):
    fail_after(tmp_path / "runs" / "deep" / "one")
    assert list(tmp_path.iterdir()) == []


def test_a_model_answer_kept_keeps_the_folder(tmp_path: Path):
    def answer(out: Path) -> None:
        with SqliteGenerationCache(out / "run.sqlite") as cache:
            cache.put("key", "HumanEval/0", 0, Generation("return 1"))

    fail_after(tmp_path / "one", answer)
    assert (tmp_path / "one" / "run.sqlite").is_file()


def test_a_file_of_the_users_keeps_the_folder(tmp_path: Path):
    fail_after(tmp_path / "one", lambda out: (out / "notes.txt").write_text("mine"))
    assert (tmp_path / "one" / "notes.txt").is_file()


def test_a_run_that_succeeds_keeps_its_folder(tmp_path: Path):
    with discarded_if_unstarted(tmp_path / "one"), RunStore.in_directory(tmp_path / "one"):
        pass
    assert (tmp_path / "one" / "run.sqlite").is_file()
