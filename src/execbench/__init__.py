"""execbench: evaluate code-generating models by running what they write."""

__version__ = "0.1.0"
