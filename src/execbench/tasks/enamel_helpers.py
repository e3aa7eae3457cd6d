"""The helpers ENAMEL's input generators call, as the `enam` package (0.2.0, `enam/datautils.py`,
Apache-2.0) defines them: the same draws from `random` in the same order, so that a seed gives
the very inputs ENAMEL's own evaluator generates.

Reproduced rather than depended on: `enam` pulls in pandas, and the generators run inside the
sandbox, where only the standard library is. This module's source is shipped into the sandbox
and executed before each generator (tasks/enamel.py), so it imports nothing but `random` and
`string`, which the generators also use by those names. tests/tasks/test_enamel.py checks the
draws against values computed with `enam` itself.
"""

import random
import string  # noqa: F401 - generators use `string` from this namespace, as they do from enam's


def rand_parens(size, valid=True, par="()", sep=""):
    """A random sequence of `size` brackets: balanced groups joined by `sep` (None: the list of
    groups), or, when not `valid`, two balanced halves around one unmatched close-open pair."""
    if not valid:
        assert sep == ""
        half = (size + 1) // 2 - 1
        left = rand_parens(size=half, valid=True, par=par)
        return left + par[1] + par[0] + rand_parens(size=half, valid=True, par=par)
    size += size % 2
    groups = []
    depth = 0
    for position in range(size):
        if depth == 0 or (depth < size - position and random.randint(0, 1)):
            if depth == 0:
                groups.append([])
            groups[-1].append(par[0])
            depth += 1
        else:
            groups[-1].append(par[1])
            depth -= 1
    joined = ["".join(group) for group in groups]
    return joined if sep is None else sep.join(joined)


def miller_rabin(n, k=5):
    """Miller-Rabin with `k` random witnesses: False means composite, True probably prime."""
    if n == 2 or n == 3:
        return True
    if n == 1 or n % 2 == 0:
        return False
    r, d = 0, n - 1
    while d % 2 == 0:
        r += 1
        d //= 2
    for _ in range(k):
        x = pow(random.randint(2, n - 2), d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def rand_probably_prime(lb, ub=None):
    """A random probable prime in [lb, ub]; with only `lb`, in [lb // 2, lb] (Bertrand)."""
    if ub is None:
        lb = max(lb, 3)
        lb, ub = lb // 2, lb
    else:
        lb = max(lb, 0)
        ub = max(lb * 2, ub, 3)
    p = random.randint(lb, ub)
    while not miller_rabin(p):
        p = random.randint(lb, ub)
    return p


def rand_primality(size, lid, cid):
    """An input for a primality problem: fixed hard cases first (a composite product of small
    primes plus one, Carmichael's 561, 2, 125), then primes, prime squares and semiprimes."""
    size = max(size, 4)
    fixed = {(0, 0): 2 * 3 * 5 * 7 * 11 * 13 + 1, (0, 1): 561, (0, 2): 2, (0, 3): 125}
    if (lid, cid) in fixed:
        return fixed[(lid, cid)]
    if cid % 3 == 0:
        return rand_probably_prime(size)
    if cid % 3 == 1:
        return rand_probably_prime(int(size**0.5 + 1)) ** 2
    root = int(size**0.5 + 1)
    return rand_probably_prime(root) * rand_probably_prime(root)
