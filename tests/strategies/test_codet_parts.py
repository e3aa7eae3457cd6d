"""CodeT's pieces, on hand-worked examples: test case extraction, dual agreement."""

from __future__ import annotations

import math
from collections import Counter

from execbench.strategies.agreement import case_counts, dual_agreement
from execbench.strategies.codet_tests import extract_test_cases, limited_cases


def test_cases_are_split_at_assert_cut_at_codet_stops_and_must_compile():
    generation = (
        "f(1) == 2\n"  # the prompt ended with "assert ": this is the first case
        "assert f(2) == 3, 'two'\n"
        "assert g(1) == 1\n"  # another function: not a test of f
        "assert \n    f(3) == 4\n"  # a line break after assert does not compile
        "assert f(4) == 5\n# the end\nprint(f(4))\n"  # cut at the comment
        "assert f(5) == [1,\n 2]\n"  # continued lines stay whole
        "assert f(6) == (1"  # cut off by max tokens: does not compile
    )
    assert extract_test_cases(generation, "f") == [
        "assert f(1) == 2",
        "assert f(2) == 3, 'two'",
        "assert f(4) == 5",
        "assert f(5) == [1,\n 2]",
    ]


def test_a_chat_style_generation_starting_with_assert_is_read_the_same():
    assert extract_test_cases("assert f(1) == 2\nassert f(2) == 3\n", "f") == [
        "assert f(1) == 2",
        "assert f(2) == 3",
    ]


def test_only_the_first_cases_of_each_generation_count_and_repeats_weigh():
    generations = ["f(1) == 1\nassert f(2) == 2\nassert f(3) == 3", "f(2) == 2\nassert f(9) == 9"]
    limited = limited_cases(generations, "f", limit=2)
    assert limited == [
        ["assert f(1) == 1", "assert f(2) == 2"],
        ["assert f(2) == 2", "assert f(9) == 9"],
    ]
    assert case_counts(limited) == Counter(
        {"assert f(1) == 1": 1, "assert f(2) == 2": 2, "assert f(9) == 9": 1}
    )


def test_consensus_groups_are_scored_by_weighted_cases_times_root_of_samples():
    counts = {"t1": 3, "t2": 1, "t3": 1, "t4": 2}
    # Samples 0 and 2 are one program; 1 and 3 are two programs passing the same cases.
    programs = ["A", "B", "A", "C", "D", "E"]
    passed = {
        "A": frozenset({"t1"}),
        "B": frozenset({"t2", "t3"}),
        "C": frozenset({"t2", "t3"}),
        "D": frozenset(),  # passes nothing: in no group
        "E": frozenset({"t4", "unknown"}),  # a case no generation kept does not count
    }
    ranking = dual_agreement(programs, counts, passed)
    assert [(g.sample_indices, round(g.score, 6)) for g in ranking] == [
        ([0, 2], round(3 * math.sqrt(2), 6)),
        ([1, 3], round(2 * math.sqrt(2), 6)),
        ([5], 2.0),
    ]
