"""The one rule tying a wall cap to a CPU budget, and how limits move with the budget."""

from __future__ import annotations

from execbench.core import Limits
from execbench.languages import get_language


def test_limits_made_for_a_cpu_budget_get_twice_it_plus_two_seconds_of_wall_time():
    limits = Limits.for_cpu(3.0, memory_mb=512)
    assert (limits.cpu_s, limits.wall_s, limits.memory_mb) == (3.0, 8.0, 512)
    # What `--cpu-limit 10` gives; run folders and the reference-time cache are keyed on it.
    assert Limits.for_cpu(10.0).wall_s == 22.0


def test_a_larger_budget_never_shortens_the_wall_cap():
    assert Limits(cpu_s=1.0, wall_s=4.0).with_cpu(5.0) == Limits(cpu_s=5.0, wall_s=12.0)
    assert Limits(cpu_s=1.0, wall_s=100.0).with_cpu(5.0).wall_s == 100.0


def test_a_smaller_budget_never_lengthens_the_wall_cap():
    assert Limits(cpu_s=10.0, wall_s=22.0).with_cpu(1.0) == Limits(cpu_s=1.0, wall_s=4.0)
    assert Limits(cpu_s=10.0, wall_s=3.0).with_cpu(1.0).wall_s == 3.0
    assert Limits(cpu_s=10.0, wall_s=22.0).with_cpu(1.0, per_cpu=3.0).wall_s == 5.0


def test_the_same_budget_leaves_the_limits_as_they_are():
    limits = Limits(cpu_s=2.0, wall_s=30.0)
    assert limits.with_cpu(2.0) is limits


def test_compilers_get_their_wall_cap_from_the_same_rule():
    compile_limits = get_language("cpp").compile_limits()
    assert compile_limits.wall_s == Limits.for_cpu(compile_limits.cpu_s).wall_s
