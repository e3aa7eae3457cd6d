"""Saved records: the versioned shapes of results.jsonl lines and summary.json."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from execbench.core.subset import TaskSubset

# 2: results lines carry schema_version, native_status and failure_kind; summaries carry
# pass_at_k_ci95, failure_kinds and native_status_counts.
RESULTS_SCHEMA_VERSION = 2
SUMMARY_SCHEMA_VERSION = 2


class ResultLine(BaseModel):
    """One judged sample as written to results.jsonl (no timings: the file is reproducible)."""

    model_config = ConfigDict(frozen=True)

    schema_version: int = Field(
        RESULTS_SCHEMA_VERSION, description="lines written before it existed are version 1"
    )
    task_id: str
    sample_index: int
    status: str
    passed: bool
    detail: str = ""
    error_type: str | None = None
    failure_kind: str | None = Field(
        None, description="why it did not pass, from docs/failure-kinds.md; None for a pass"
    )
    native_status: str | None = Field(
        None, description="the benchmark harness's own status word (MultiPL-E: OK, Exception...)"
    )
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


class GroupRate(BaseModel):
    model_config = ConfigDict(frozen=True)

    n_tasks: int
    pass_at_1: float


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
    # Extra fields are kept: those a plug-in metric fills (metrics/base.py), or a newer version's.
    model_config = ConfigDict(frozen=True, extra="allow")

    schema_version: int = SUMMARY_SCHEMA_VERSION
    execbench_version: str
    benchmark: str
    model: str
    language: str | None = Field(None, description="the tasks' language (comma-separated if mixed)")
    samples_sha256: str | None = Field(None, description="of the samples file evaluated, if any")
    n_tasks: int
    n_samples: int
    tasks_without_samples: list[str] = Field(
        default_factory=list,
        description="the benchmark's tasks (in the date window) that no sample was for: they are "
        "not in n_tasks, nor in pass@k",
    )
    samples_per_task: dict[str, int] = Field(description="min and max samples over tasks")
    pass_at_k: dict[str, float]
    pass_at_k_ci95: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="k -> 95% interval of pass@k, a bootstrap over tasks (docs/analysis.md)",
    )
    pass_at_k_unavailable: dict[str, str] = Field(default_factory=dict)
    status_counts: dict[str, int]
    failure_kinds: dict[str, int] = Field(
        default_factory=dict, description="failure kind -> samples (docs/failure-kinds.md)"
    )
    native_status_counts: dict[str, int] = Field(
        default_factory=dict, description="the benchmark harness's own statuses, where it has them"
    )
    part_pass_rates: dict[str, PartRate] = Field(
        default_factory=dict,
        description="finer-grained pass rates summed over samples (ClassEval: methods)",
    )
    pass_at_1_by: dict[str, dict[str, GroupRate]] = Field(
        default_factory=dict,
        description="pass@1 per group of tasks, by grouping (difficulty; month of the task's "
        "date, YYYY-MM), as LiveCodeBench's leaderboard reports it",
    )
    subset: TaskSubset | None = Field(
        None,
        description="the options that chose some of the tasks (--task, --limit, "
        "--sample-tasks with its seed); None: every task",
    )
    sandbox: str
    limits: dict[str, float | int]
    time_policy: str | None = Field(
        None, description="the named time policy the run followed (docs: time policies)"
    )
    resumed_samples: int = Field(0, description="verdicts reused from an earlier, stopped run")
    elapsed_s: float
    generation: GenerationSummary | None = None
    strategy: StrategySummary | None = None
