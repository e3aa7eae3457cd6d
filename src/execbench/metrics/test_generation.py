"""The figures of runs whose samples are tests (judge/coverage_tests.py, judge/mutation_tests.py).

Read from each result's `parts`; a run without such parts gets none of these fields.
- `test_generation` (TestEval's metrics): `syntax_correct`, `exec_correct`, `pass_on_program`:
  shares of all the tests written (TestEval: totals over every test); `line_coverage`,
  `branch_coverage` and their cov@k: each program's coverage (averaged over its samples), then
  averaged over programs, a program whose tests never run counting 0 (TestEval's average);
  `target_hit_rate`: targets reached over targets asked (line and branch tasks);
  `path_exact_match` and `path_similarity` (path task), over every target path.
- `mutation_score`: the share of kept mutants killed, per sample (nothing, for tests failing on
  the reference), averaged over a task's samples, then over tasks; with the totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from execbench.metrics.base import RunResults, register_metric
from execbench.store import ResultLine

_SHARES = {"syntax": "syntax_correct", "executable": "exec_correct", "passing": "pass_on_program"}
_COVERAGE = {"lines": "line_coverage", "branches": "branch_coverage"}


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _micro(lines: Iterable[ResultLine], part: str) -> tuple[int, int]:
    pairs = [line.parts[part] for line in lines if part in line.parts]
    return sum(p for p, _ in pairs), sum(t for _, t in pairs)


def _task_mean(lines: Sequence[ResultLine], part: str) -> float:
    """Each task's mean ratio over its samples, averaged over tasks."""
    by_task: dict[str, list[float]] = {}
    for line in lines:
        if part in line.parts:
            by_task.setdefault(line.task_id, []).append(_ratio(*line.parts[part]))
    means = [sum(values) / len(values) for values in by_task.values()]
    return round(sum(means) / len(means), 6) if means else 0.0


@register_metric("test_generation")
def test_generation_figures(run: RunResults) -> Mapping[str, Any]:
    lines = [line for line in run.lines if "syntax" in line.parts]
    if not lines:
        return {}
    figures: dict[str, Any] = {"tests": _micro(lines, "syntax")[1]}
    for part, name in _SHARES.items():
        figures[name] = round(_ratio(*_micro(lines, part)), 6)
    for part, name in _COVERAGE.items():
        if any(part in line.parts for line in lines):
            figures[name] = _task_mean(lines, part)
            ks = sorted(
                {
                    key.partition("@")[2]
                    for line in lines
                    for key in line.parts
                    if key.startswith(f"{part}@")
                },
                key=int,
            )
            figures[f"{name}_at_k"] = {k: _task_mean(lines, f"{part}@{k}") for k in ks}
    if any("target" in line.parts for line in lines):
        figures["target_hit_rate"] = round(_ratio(*_micro(lines, "target")), 6)
    paths = [line.parts["path"] for line in lines if "path" in line.parts]
    if paths:
        figures["path_exact_match"] = round(sum(f == t > 0 for f, t in paths) / len(paths), 6)
        figures["path_similarity"] = round(sum(_ratio(f, t) for f, t in paths) / len(paths), 6)
    return {"test_generation": figures}


def _tasks(lines: Iterable[ResultLine]) -> set[str]:
    return {line.task_id for line in lines}


@register_metric("mutation_score")
def mutation_score(run: RunResults) -> Mapping[str, Any]:
    lines = [line for line in run.lines if "mutants" in line.parts]
    if not lines:
        return {}
    killed, kept = _micro(lines, "mutants")
    scored = [line for line in lines if line.parts["mutants"][1]]
    return {
        "mutation_score": {
            "score": _task_mean(scored, "mutants"),
            "killed": killed,
            "mutants": kept,
            "tasks_without_mutants": len(_tasks(lines) - _tasks(scored)),
        }
    }
