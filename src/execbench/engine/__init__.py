"""Scheduling samples over trusted worker processes; resume.

Nothing is imported here: worker processes import `execbench.engine.worker` alone, without the
harness (`pool`, `runner`) around it.
"""
