"""What a server runs with, read once at start: address, judging, limits, and who may call."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from execbench.core import Limits, UserError
from execbench.engine.executor import DEFAULT_EXECUTOR
from execbench.engine.time_limits import TimePolicy
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.tasks import LoadOptions

TOKEN_VARIABLE = "EXECBENCH_TOKEN"


@dataclass(frozen=True)
class ServerConfig:
    """`tokens`: the bearer tokens accepted (empty: none needed, on loopback only).
    `queue_limit`: jobs admitted at once, running and waiting, over all callers; past it a request
    is answered 429. `per_token_limit`: the most one token may have admitted (None: the queue).
    `ceiling`: the most a request may ask for, and what /v1/judge judges under (scaled per task
    by `time_policy`, as `execbench evaluate` does). `environment`: the benchmark environment
    whose Python /v1/run and /run_code run Python code with (None: the server's own)."""

    host: str = "127.0.0.1"
    port: int = 8080
    workers: int | None = None
    sandbox: str = DEFAULT_SANDBOX
    executor: str = DEFAULT_EXECUTOR
    executor_address: str | None = None
    tokens: frozenset[str] = frozenset()
    max_body_bytes: int = 16 << 20
    queue_limit: int = 512
    per_token_limit: int | None = None
    ceiling: Limits = field(default_factory=Limits)
    time_policy: TimePolicy = field(default_factory=TimePolicy)
    # Benchmark data from the configured directory only, never downloaded on a request.
    load: LoadOptions = field(
        default_factory=lambda: LoadOptions(
            data_dir=LoadOptions.from_environment().data_dir, offline=True
        )
    )
    drain_timeout_s: float = 120.0
    environment: str | None = None

    def __post_init__(self) -> None:
        if not self.tokens and not is_loopback(self.host):
            raise UserError(
                f"refusing to serve on {self.host} without a token: anyone who can reach it could "
                f"run code here. Give one with --token-file FILE or {TOKEN_VARIABLE}, or serve "
                f"on 127.0.0.1"
            )
        for name, value in (("queue limit", self.queue_limit), ("body cap", self.max_body_bytes)):
            if value < 1:
                raise UserError(f"the {name} must be at least 1")
        if self.per_token_limit is not None and self.per_token_limit < 1:
            raise UserError("the per-token limit must be at least 1")

    @property
    def token_limit(self) -> int:
        return min(self.per_token_limit or self.queue_limit, self.queue_limit)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def read_tokens(token_file: Path | None, environ: Mapping[str, str] = os.environ) -> frozenset[str]:
    """The tokens in `token_file` (one a line; blank lines and `#` comments skipped), or the one
    in EXECBENCH_TOKEN; none when neither is given."""
    if token_file is None:
        token = environ.get(TOKEN_VARIABLE, "").strip()
        return frozenset([token]) if token else frozenset()
    try:
        lines = token_file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"--token-file {token_file}: {exc.strerror or exc}") from exc
    tokens = frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    if not tokens:
        raise UserError(f"--token-file {token_file}: no token in it")
    return tokens
