"""HumanEvalPack (OctoPack): HumanEvalSynthesize, HumanEvalFix, HumanEvalExplain, 6 languages."""

from execbench.tasks.humanevalpack import benchmarks  # noqa: F401  (it registers them)
