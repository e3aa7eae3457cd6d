"""Saved records: the versioned shapes of results.jsonl lines and summary.json."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

RESULTS_SCHEMA_VERSION = 1
SUMMARY_SCHEMA_VERSION = 1


class ResultLine(BaseModel):
    """One judged sample as written to results.jsonl (no timings: the file is reproducible)."""

    model_config = ConfigDict(frozen=True)

    task_id: str
    sample_index: int
    status: str
    passed: bool
    detail: str = ""
    error_type: str | None = None
    tests_run: int = 0
    parts: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="finer-grained counts, name -> (passed, total)"
    )
    program_sha256: str


class GenerationSummary(BaseModel):
    """What generating the samples took; cached samples count with the usage they first had."""

    model_config = ConfigDict(frozen=True)

    generated: int = Field(description="samples the model was asked for in this run")
    cached: int = Field(description="samples answered by an earlier run of the same command")
    failed_tasks: dict[str, str] = Field(
        default_factory=dict, description="task_id -> why its samples could not be generated"
    )
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None = Field(None, description="None when no price was given")
    mean_latency_s: float = Field(description="per sample, retries and waits included")


class PartRate(BaseModel):
    model_config = ConfigDict(frozen=True)

    passed: int
    total: int
    rate: float


class StrategySummary(BaseModel):
    """How the samples were produced when not by direct sampling (see execbench.strategies)."""

    model_config = ConfigDict(frozen=True)

    name: str
    settings: dict[str, Any] = Field(default_factory=dict)
    model_calls: int = Field(0, description="requests to the model, over all trajectories")
    mean_rounds: float | None = Field(None, description="repair rounds used, mean per trajectory")
    pass_at_k_unranked: dict[str, float] | None = Field(
        None,
        description="CodeT: plain pass@k over the same samples, without the ranking (pass_at_k "
        "is over the ranking)",
    )


class Summary(BaseModel):
    model_config = ConfigDict(frozen=True)

    schema_version: int = SUMMARY_SCHEMA_VERSION
    execbench_version: str
    benchmark: str
    model: str
    n_tasks: int
    n_samples: int
    tasks_without_samples: list[str] = Field(
        default_factory=list,
        description="the benchmark's tasks (in the date window) that no sample was for: they are "
        "not in n_tasks, nor in pass@k",
    )
    samples_per_task: dict[str, int] = Field(description="min and max samples over tasks")
    pass_at_k: dict[str, float]
    pass_at_k_unavailable: dict[str, str] = Field(default_factory=dict)
    status_counts: dict[str, int]
    part_pass_rates: dict[str, PartRate] = Field(
        default_factory=dict,
        description="finer-grained pass rates summed over samples (ClassEval: methods)",
    )
    sandbox: str
    limits: dict[str, float | int]
    resumed_samples: int = Field(0, description="verdicts reused from an earlier, stopped run")
    elapsed_s: float
    generation: GenerationSummary | None = None
    strategy: StrategySummary | None = None
