"""Generation backends, found by the prefix of `-m`."""

from execbench.models import (  # noqa: F401  (each registers itself)
    anthropic,
    hf_backend,
    openai_compat,
    reference,
    samples_file,
    vllm_backend,
)
from execbench.models.base import (
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
