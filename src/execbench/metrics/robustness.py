"""ReCode's robustness metrics (Wang et al., 2023; `run_robust.py` at amazon-science/recode).

For one perturbation type (or a whole family), each problem has its nominal samples and, per
variant (seed) of the perturbed prompt, samples judged by the same tests. Sample i counts as
robust when it passes on every variant (the worst case: ReCode's `get_worst_passatk_dict`), and
as "best" when it passes on any. With n samples per problem and the unbiased estimator
P(n, c, k) = 1 - C(n-c, k) / C(n, k):

- Robust Pass@k = mean over problems of P(n, #robust samples, k);
- Robust Drop@k = (nominal Pass@k - Robust Pass@k) / nominal Pass@k;
- Robust Relative@k = mean over problems of P(n, #changed for the worse, k) + P(n, #changed for
  the better, k): a sample whose worst case differs from its nominal verdict changed for the
  worse, else one whose best case differs changed for the better (ReCode's `report_coarse`).

With greedy decoding (n = 1) these are ReCode's greedy figures. Intervals are the usual
bootstrap over problems (Drop@k: the nominal and robust means drawn together). ReCode draws
s = 10 variants of each randomised perturbation; the stored data has one (s0), so Robust
Pass@k here is Pass@k on that one variant, an upper bound of ReCode's RP_10@k (docs/robustness.md);
`seeds` says how many variants each type had.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from execbench.metrics.base import RunResults, register_metric
from execbench.metrics.bootstrap import bootstrap_means, interval
from execbench.metrics.pass_at_k import DEFAULT_KS, pass_at_k
from execbench.tasks.recode_sets import (
    FAMILIES,
    PAPER_SEEDS,
    RANDOMISED,
    nominal_for,
    recode_variant,
)

# set name -> problem -> sample index -> passed
Verdicts = dict[str, dict[str, dict[int, bool]]]


def robustness_figures(
    nominal: Mapping[str, Sequence[bool]], variants: Sequence[Mapping[str, Sequence[bool]]], k: int
) -> dict[str, Any]:
    """The three metrics at `k` over the problems present in `nominal` and every variant. Each
    problem maps to its samples' verdicts, in sample order; variants align samples by index."""
    problems = [p for p in nominal if all(p in variant for variant in variants)]
    rows = []
    for problem in problems:
        n = min(len(nominal[problem]), *(len(variant[problem]) for variant in variants))
        if n < k:
            return {}
        base = list(nominal[problem][:n])
        worst = [all(variant[problem][i] for variant in variants) for i in range(n)]
        best = [any(variant[problem][i] for variant in variants) for i in range(n)]
        worse = sum(w != b for w, b in zip(worst, base, strict=True))
        better = sum(w == b and x != b for w, x, b in zip(worst, best, base, strict=True))
        rows.append(
            (
                pass_at_k(n, sum(base), k),
                pass_at_k(n, sum(worst), k),
                pass_at_k(n, worse, k) + pass_at_k(n, better, k),
            )
        )
    if not rows:
        return {}
    table = np.array(rows)
    nominal_mean, robust_mean, relative_mean = table.mean(axis=0)
    draws = bootstrap_means(table)
    figures: dict[str, Any] = {
        "problems": len(rows),
        "nominal_pass": round(float(nominal_mean), 6),
        "robust_pass": round(float(robust_mean), 6),
        "robust_relative": round(float(relative_mean), 6),
        "nominal_pass_ci95": interval(draws[:, 0]),
        "robust_pass_ci95": interval(draws[:, 1]),
        "robust_relative_ci95": interval(draws[:, 2]),
    }
    if nominal_mean > 0:
        figures["robust_drop"] = round(float((nominal_mean - robust_mean) / nominal_mean), 6)
        with np.errstate(divide="ignore", invalid="ignore"):
            drops = (draws[:, 0] - draws[:, 1]) / draws[:, 0]
        figures["robust_drop_ci95"] = interval(drops[np.isfinite(drops)])
    return figures


def _by_set(run: RunResults) -> Verdicts:
    verdicts: Verdicts = defaultdict(lambda: defaultdict(dict))
    for line in run.lines:
        variant = recode_variant(line.task_id)
        if variant is not None:
            verdicts[variant.set_name][variant.original][line.sample_index] = line.passed
    return verdicts


def _ordered(samples: Mapping[str, Mapping[int, bool]]) -> dict[str, list[bool]]:
    return {
        problem: [by_index[i] for i in sorted(by_index)] for problem, by_index in samples.items()
    }


def _group(
    verdicts: Verdicts, nominal: str, sets: Sequence[str], ks: Sequence[int]
) -> dict[str, Any]:
    """Figures per k for one type or family: {k: figures}."""
    base = _ordered(verdicts[nominal])
    variants = [_ordered(verdicts[name]) for name in sets]
    by_k = {str(k): robustness_figures(base, variants, k) for k in ks}
    return {k: figures for k, figures in by_k.items() if figures}


@register_metric("robustness")
def robustness_metric(run: RunResults) -> Mapping[str, Any]:
    verdicts = _by_set(run)
    if not verdicts:
        return {}
    fewest = min(len(samples) for sets in verdicts.values() for samples in sets.values())
    ks = run.ks or tuple(k for k in DEFAULT_KS if k <= fewest) or (1,)
    families: dict[str, Any] = {}
    types: dict[str, Any] = {}
    for family, (kinds, _) in FAMILIES.items():
        nominal = nominal_for(family)
        if nominal not in verdicts:
            continue
        family_sets = []
        for kind in kinds:
            prefix = f"{family}/{kind}/s"
            sets = sorted((name for name in verdicts if name.startswith(prefix)), key=_seed)
            if not sets:
                continue
            family_sets += sets
            seeds = {"seeds": len(sets), "paper_seeds": PAPER_SEEDS if kind in RANDOMISED else 1}
            types[f"{family}/{kind}"] = {**seeds, "by_k": _group(verdicts, nominal, sets, ks)}
        if family_sets:
            families[family] = {
                "nominal_set": nominal,
                "types": len({name.rsplit("/", 1)[0] for name in family_sets}),
                "by_k": _group(verdicts, nominal, family_sets, ks),
            }
    return {"robustness": {"families": families, "types": types}} if families else {}


def _seed(set_name: str) -> int:
    return int(set_name.rsplit("/s", 1)[1])
