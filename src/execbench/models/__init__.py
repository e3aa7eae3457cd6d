"""Generation backends, found by the prefix of `-m`."""

from execbench.models import reference  # noqa: F401  (registers itself)
from execbench.models.base import (
    Generation,
    GenerationOptions,
    Model,
    make_model,
    model_prefixes,
    register_model,
)

__all__ = [
    "Generation",
    "GenerationOptions",
    "Model",
    "make_model",
    "model_prefixes",
    "register_model",
]
