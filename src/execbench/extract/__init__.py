"""Code out of model text."""

from execbench.extract.program import extract_program

__all__ = ["extract_program"]
