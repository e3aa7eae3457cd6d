"""`execbench run`: generate samples with a model and judge them."""

from __future__ import annotations

from typing import Annotated

import typer

from execbench.api import DEFAULT_CONCURRENCY, EvalConfig, run_model
from execbench.cli.app import app, resumable
from execbench.cli.options import JsonFlag, eval_options
from execbench.cli.progress import RichProgress, show_outcome
from execbench.cli.strategy_options import CasesPerTest, Memory, Rounds, TestSamples
from execbench.core import UserError
from execbench.models import GenerationOptions
from execbench.strategies import DEFAULT_STRATEGY, make_strategy


@app.command()
@resumable
@eval_options()
def run(
    config: EvalConfig,
    model: Annotated[
        str, typer.Option("-m", "--model", help="Model spec, e.g. reference or openai:gpt-4o-mini.")
    ],
    n: Annotated[int, typer.Option("-n", help="Samples per task.")] = 1,
    json_output: JsonFlag = False,
    base_url: Annotated[
        str | None,
        typer.Option(help="OpenAI-compatible server (vLLM, SGLang, Ollama, llama.cpp...)."),
    ] = None,
    api: Annotated[
        str | None,
        typer.Option(
            help="chat or completions (default: chat for openai, completions for vllm/hf)."
        ),
    ] = None,
    concurrency: Annotated[
        int, typer.Option(help="Generation requests in flight at once.")
    ] = DEFAULT_CONCURRENCY,
    temperature: Annotated[
        float | None, typer.Option(help="Default: 0 (greedy) for -n 1, else 0.8.")
    ] = None,
    top_p: Annotated[float | None, typer.Option()] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Tokens per sample.")] = None,
    stop: Annotated[
        list[str] | None, typer.Option(help="Stop sequence (repeatable), on top of defaults.")
    ] = None,
    seed: Annotated[int | None, typer.Option()] = None,
    request_timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 120.0,
    price_in: Annotated[
        float | None, typer.Option(help="USD per million prompt tokens, for the cost figure.")
    ] = None,
    price_out: Annotated[
        float | None, typer.Option(help="USD per million completion tokens.")
    ] = None,
    strategy: Annotated[
        str,
        typer.Option(
            help="How the model is used: direct, codet, self-debug, reflexion, agentcoder."
        ),
    ] = DEFAULT_STRATEGY,
    rounds: Rounds = None,
    memory: Memory = None,
    test_samples: TestSamples = None,
    cases_per_test: CasesPerTest = None,
) -> None:
    """Generate N samples per task with MODEL and evaluate them.

    API keys are read from OPENAI_API_KEY / ANTHROPIC_API_KEY and never written anywhere.
    """
    if n < 1:
        raise UserError("-n must be at least 1")
    chosen = make_strategy(
        strategy,
        {
            "rounds": rounds,
            "memory": memory,
            "test_samples": test_samples,
            "cases_per_test": cases_per_test,
        },
    )
    options = GenerationOptions(
        n=n,
        temperature=temperature,
        top_p=top_p,
        max_tokens=max_tokens,
        stop=tuple(stop or ()),
        seed=seed,
    )
    settings = {
        "base_url": base_url,
        "api": api,
        "timeout_s": request_timeout,
        "price_in": price_in,
        "price_out": price_out,
    }
    with RichProgress(f"{config.benchmark}: {model}") as progress:
        outcome = run_model(config, model, options, progress, concurrency, settings, chosen)
    show_outcome(outcome, json_output)
