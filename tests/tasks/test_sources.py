"""Where dataset files come from: pinned digests, the data directory, the cache, a real download."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from execbench.core import UserError
from execbench.tasks import LoadOptions
from execbench.tasks.sources import DataFile, resolve

CONTENT = b'{"task_id": "x/0"}\n'


def spec(url: str | None = None) -> DataFile:
    return DataFile("demo/data.jsonl", frozenset({hashlib.sha256(CONTENT).hexdigest()}), url=url)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    served = tmp_path / "served"
    served.mkdir()
    (served / "good.jsonl").write_bytes(CONTENT)
    (served / "bad.jsonl").write_bytes(CONTENT + b"tampered\n")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(served), **kwargs)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_download_is_verified_cached_and_then_used_offline(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = resolve(spec(f"{server}/good.jsonl"), LoadOptions(cache_dir=cache))
    assert path == cache / "demo" / "data.jsonl"
    assert path.read_bytes() == CONTENT
    offline = LoadOptions(cache_dir=cache, offline=True)
    assert resolve(spec(f"{server}/gone.jsonl"), offline) == path


def test_a_download_with_the_wrong_digest_is_refused_and_not_cached(
    server: str, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with pytest.raises(UserError, match="does not match the pinned digest"):
        resolve(spec(f"{server}/bad.jsonl"), LoadOptions(cache_dir=cache))
    assert not list(cache.rglob("*.jsonl*"))


def test_a_failed_download_names_the_file_and_how_to_give_it(server: str, tmp_path: Path) -> None:
    with pytest.raises(UserError) as failed:
        resolve(spec(f"{server}/gone.jsonl"), LoadOptions(cache_dir=tmp_path))
    message = str(failed.value)
    assert "404" in message and f"{server}/gone.jsonl" in message
    assert "--data PATH" in message
    assert "EXECBENCH_DATA_DIR to a directory holding demo/data.jsonl" in message


def test_offline_without_a_local_copy_says_how_to_give_one(tmp_path: Path) -> None:
    options = LoadOptions(cache_dir=tmp_path, offline=True)
    with pytest.raises(UserError, match="--data PATH or set EXECBENCH_DATA_DIR"):
        resolve(spec("http://127.0.0.1:9/never"), options)


def test_a_data_directory_copy_must_match_the_pinned_digest(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "data.jsonl").write_bytes(CONTENT)
    assert resolve(spec(), LoadOptions(data_dir=tmp_path)) == tmp_path / "demo" / "data.jsonl"
    (tmp_path / "demo" / "data.jsonl").write_bytes(b"edited")
    with pytest.raises(UserError, match="sha256 does not match"):
        resolve(spec(), LoadOptions(data_dir=tmp_path, cache_dir=tmp_path / "c"))


def test_an_explicit_data_file_is_used_as_given(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_bytes(b"anything")
    assert resolve(spec(), LoadOptions(data=mine)) == mine
    with pytest.raises(UserError, match="no such file"):
        resolve(spec(), LoadOptions(data=tmp_path / "missing.jsonl"))
