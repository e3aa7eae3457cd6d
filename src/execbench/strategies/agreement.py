"""CodeT's dual execution agreement: rank programs by the model-written tests they pass.

Programs that pass exactly the same set of test cases form a consensus group. A group's score
is (test cases it passes, each counted as often as the generations wrote it) times the square
root of (samples in it, duplicates counted). Programs passing no case are in no group and never
chosen. This follows CodeT's `DualAgreement.get_sorted_solutions_without_iter`, rewritten over
sets instead of expanded id pairs (the counts come out the same).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from execbench.strategies.trajectory import ModelTest, RankGroup


def case_counts(limited: Sequence[Sequence[str]]) -> Counter[str]:
    """How many times the generations wrote each case (after each one's limit)."""
    return Counter(case for cases in limited for case in cases)


def dual_agreement(
    programs: Sequence[str], counts: Mapping[str, int], passed: Mapping[str, frozenset[str]]
) -> list[RankGroup]:
    """Groups of sample indices, best first.

    `programs`: each sample's program (its position is its sample index); `counts`: how often
    each test case was written; `passed`: per distinct program, the cases it passed.
    """
    samples_of: dict[frozenset[str], list[int]] = {}
    for index, program in enumerate(programs):
        cases = frozenset(case for case in passed.get(program, ()) if case in counts)
        if cases:
            samples_of.setdefault(cases, []).append(index)
    groups = [
        RankGroup(
            score=sum(counts[case] for case in cases) * math.sqrt(len(indices)),
            sample_indices=indices,
        )
        for cases, indices in samples_of.items()
    ]
    return sorted(groups, key=lambda group: (-group.score, group.sample_indices[0]))


def model_tests(counts: Counter[str]) -> list[ModelTest]:
    return [ModelTest(case=case, count=count) for case, count in counts.items()]
