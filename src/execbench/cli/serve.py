"""`execbench serve`: the sandbox and the judges behind HTTP (docs/server.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from execbench.cli.app import app
from execbench.cli.options import (
    ExecutorName,
    RayAddress,
    SandboxName,
    Workers,
    executor_choice,
)
from execbench.core import Limits
from execbench.engine.executor import DEFAULT_EXECUTOR
from execbench.engine.time_limits import TimePolicy
from execbench.environments.catalog import environment_runtime
from execbench.sandbox import DEFAULT_SANDBOX
from execbench.server import ServerConfig
from execbench.server import serve as serve_app
from execbench.server.config import TOKEN_VARIABLE, read_tokens


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8080,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help=f"Bearer tokens, one a line (default: {TOKEN_VARIABLE}). Without any, the "
            "server only listens on loopback.",
        ),
    ] = None,
    workers: Workers = None,
    executor: ExecutorName = DEFAULT_EXECUTOR,
    ray_address: RayAddress = None,
    sandbox: SandboxName = DEFAULT_SANDBOX,
    cpu_limit: Annotated[
        float,
        typer.Option(
            "--cpu-limit",
            help="CPU seconds a request may ask for at most; /v1/judge scales each task's budget "
            "from its reference's CPU time under it (a benchmark that fixes its own keeps them).",
        ),
    ] = Limits.cpu_s,
    memory_mb: Annotated[
        int, typer.Option("--memory-mb", help="Memory a request may ask for at most, MiB.")
    ] = Limits.memory_mb,
    queue_limit: Annotated[
        int, typer.Option("--queue-limit", help="Jobs admitted at once; past it, 429.")
    ] = ServerConfig.queue_limit,
    per_token_limit: Annotated[
        int | None, typer.Option("--per-token-limit", help="Jobs one token may have admitted.")
    ] = None,
    max_body_mb: Annotated[
        float, typer.Option("--max-body-mb", help="Request bodies larger are answered 413.")
    ] = ServerConfig.max_body_bytes / (1 << 20),
    environment: Annotated[
        str | None,
        typer.Option(
            "--environment",
            help="Run /v1/run and /run_code Python code with this prepared benchmark environment "
            "(e.g. bigcodebench; `execbench env list`). Benchmarks' tasks always run in their own.",
        ),
    ] = None,
) -> None:
    """Serve /v1/run, /v1/judge, /v1/judge/batch and SandboxFusion's /run_code over HTTP."""
    config = ServerConfig(
        host=host,
        port=port,
        workers=workers,
        sandbox=sandbox,
        executor=executor_choice(executor, ray_address),
        executor_address=ray_address,
        tokens=read_tokens(token_file),
        max_body_bytes=int(max_body_mb * (1 << 20)),
        queue_limit=queue_limit,
        per_token_limit=per_token_limit,
        ceiling=Limits.for_cpu(cpu_limit, memory_mb=memory_mb),
        # As in the CLI: a floor above the ceiling only means every task gets the ceiling.
        time_policy=TimePolicy(floor_s=min(TimePolicy.floor_s, cpu_limit)),
        environment=environment,
    )
    if environment:
        environment_runtime(environment)  # not prepared: stop before serving, naming the command
    serve_app(config)
