"""AST mutants of a reference and type-aware mutation of inputs: what they change, and that the
same seed gives the same result."""

from __future__ import annotations

import random

from execbench.testgen.mutants import mutants
from execbench.testgen.typed_inputs import (
    MAX_ITEMS,
    MAX_TEXT,
    Ingredients,
    edge_variants,
    mutate_args,
)

SOURCE = '''def f(xs, k):
    """Count the items above k, 3 at most."""
    n = 0
    for x in xs:
        if x > k and not x % 2:
            n += 1
    return min(n, 3)
'''


def test_every_kind_of_mutation_appears_once_per_site():
    found = mutants(SOURCE)
    assert len(found) == len(set(found))
    changes = {
        "x >= k": "comparison bound",
        "x > k or not": "boolean operator",
        "and x % 2": "negation dropped",
        "x // 2": "arithmetic",
        "n -= 1": "augmented arithmetic",
        "min(n, 4)": "constant + 1",
        "min(n, 2)": "constant - 1",
        "return None": "return value",
    }
    for text, kind in changes.items():
        assert any(text in mutant for mutant in found), kind
    assert all("3 at most" in mutant for mutant in found)  # the docstring stays
    assert all(mutant != SOURCE for mutant in found)


def test_a_limit_draws_the_same_mutants_for_the_same_seed():
    assert mutants(SOURCE, limit=4, seed=1) == mutants(SOURCE, limit=4, seed=1)
    assert len(mutants(SOURCE, limit=4, seed=1)) == 4
    assert mutants(SOURCE, limit=4, seed=1) != mutants(SOURCE, limit=4, seed=2)


def test_typed_mutation_keeps_types_and_bounds_and_is_seeded():
    seeds = [([1, 2, 3], "ab", {"k": 1.5}, (True, 2))]
    ingredients = Ingredients(seeds)

    def draws(seed: int) -> list[tuple]:
        rng = random.Random(seed)
        values = [seeds[0]]
        for _ in range(300):
            values.append(mutate_args(rng.choice(values), rng, ingredients))
        return values

    values = draws(7)
    assert values == draws(7) and values != draws(8)
    for items, text, mapping, pair in values:
        assert type(items) is list and all(type(x) is int for x in items)
        assert len(items) <= MAX_ITEMS + 1 and len(text) <= MAX_TEXT
        assert type(mapping) is dict and type(pair) is tuple
    assert len({repr(value) for value in values}) > 100  # it explores


def test_edge_variants_change_one_argument_to_a_boundary():
    variants = edge_variants(([3, -1, 2], 5, "ab"))
    assert ([], 5, "ab") in variants and ([3], 5, "ab") in variants
    assert ([-3, 1, -2], 5, "ab") in variants and ([-1, 2, 3], 5, "ab") in variants
    assert ([3, -1, 2], 0, "ab") in variants and ([3, -1, 2], 5, "") in variants
    two_numbers = edge_variants((4, 9))
    assert (9, 9) in two_numbers and (4, 4) in two_numbers  # equal arguments
    assert (9, 4) in two_numbers  # swapped
