"""Generation backends, found by the prefix of `-m` in the MODELS registry (each module of this
package registers its own, found on first use; plug-ins through `execbench.models`)."""

from execbench.models.base import (
    MODELS,
    Generation,
    GenerationOptions,
    Model,
    ModelError,
    make_model,
    model_prefixes,
    register_model,
)
from execbench.models.usage import Price, Usage

__all__ = [
    "MODELS",
    "Generation",
    "GenerationOptions",
    "Model",
    "ModelError",
    "Price",
    "Usage",
    "make_model",
    "model_prefixes",
    "register_model",
]
