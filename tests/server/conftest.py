"""One server for the tests that do not stop or break it: two workers, a queue of 6 jobs with
3 per token, a body cap of 1 MiB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.server import Server, running_server

QUEUE_LIMIT, PER_TOKEN = 6, 3


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    options = ["--workers", "2", "--queue-limit", str(QUEUE_LIMIT)]
    options += ["--per-token-limit", str(PER_TOKEN), "--max-body-mb", "1"]
    with running_server(tmp_path_factory.mktemp("server"), *options) as running:
        yield running
