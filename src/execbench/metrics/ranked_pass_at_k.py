"""pass@k over a ranking of samples, as CodeT (Chen et al., 2022) defines it, ties included.

A ranking is a task's groups of samples, best first, each with a score. Groups of equal score
are one tie: picking from it means picking one of its samples at random. The k picks go to the
first k ties, one each; with fewer than k ties, the extra picks go round the ties again from
the top, each pick of a tie drawn with replacement. So a task's pass@k is
1 - prod over ties of (1 - c/n) ** picks, n the tie's samples and c those that pass.
A task with no ranking (no sample passed any model-written test) falls back on plain sampling:
the unbiased pass@k over all its samples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from execbench.metrics.bootstrap import bootstrap_means, interval
from execbench.metrics.pass_at_k import PassAtK, pass_at_k

# (score, whether each of the group's samples passed the hidden tests), best group first.
RankedGroups = Sequence[tuple[float, Sequence[bool]]]


def ranked_pass_at_k(groups: RankedGroups, k: int) -> float:
    ties: list[list[bool]] = []
    last_score: float | None = None
    for score, passed in groups:
        if ties and score == last_score:
            ties[-1].extend(passed)
        else:
            ties.append(list(passed))
            last_score = score
    if not ties:
        raise ValueError("an empty ranking has no pass@k")
    picks = [1] * min(k, len(ties))
    for extra in range(k - len(picks)):
        picks[extra % len(ties)] += 1
    all_wrong = 1.0
    for tie, count in zip(ties, picks, strict=False):
        all_wrong *= (1.0 - sum(tie) / len(tie)) ** count
    return 1.0 - all_wrong


def aggregate_ranked_pass_at_k(
    rankings: Mapping[str, RankedGroups],
    counts: Mapping[str, tuple[int, int]],
    ks: Sequence[int],
) -> PassAtK:
    """Mean over the tasks of `counts` (task_id -> (samples, passed)), with a bootstrap-over-tasks
    interval; tasks without a ranking count with plain pass@k, which needs k samples."""
    values: dict[str, float] = {}
    unavailable: dict[str, str] = {}
    ci95: dict[str, tuple[float, float]] = {}
    for k in sorted(set(ks)):
        short = [t for t, (n, _) in counts.items() if not rankings.get(t) and n < k]
        if not counts:
            unavailable[str(k)] = "no tasks were evaluated"
        elif short:
            unavailable[str(k)] = (
                f"{len(short)} unranked tasks have fewer than {k} samples (e.g. {short[0]})"
            )
        else:
            per_task = np.array(
                [
                    ranked_pass_at_k(rankings[t], k) if rankings.get(t) else pass_at_k(n, c, k)
                    for t, (n, c) in counts.items()
                ]
            )
            values[str(k)] = float(np.mean(per_task))
            ci95[str(k)] = interval(bootstrap_means(per_task))
    return PassAtK(values, unavailable, ci95)
