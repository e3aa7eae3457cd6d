"""`-m vllm:PATH`: vLLM's offline engine in this process (`pip install 'execbench[vllm]'`).

Base-model prompts by default; `--api chat` applies the tokenizer's chat template. Every queued
request goes to the engine in one `generate` call, each with its own SamplingParams (n included).
Engine arguments (tensor_parallel_size, max_model_len...) come from settings["vllm_args"].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from execbench.core import UserError
from execbench.models.base import Model, register_model
from execbench.models.local_batch import (
    DEFAULT_MAX_NEW_TOKENS,
    BatchingModel,
    BatchRequest,
    EngineOutput,
    require,
    style_from,
)
from execbench.prompts import PromptStyle


class VLLMModel(BatchingModel):
    def __init__(self, path: str, style: PromptStyle, engine_args: Mapping[str, Any]):
        super().__init__(f"vllm:{path}", path, style)
        self.vllm = require("vllm", "vllm")
        self.engine = self.vllm.LLM(model=path, **dict(engine_args))
        self.tokenizer = self.engine.get_tokenizer()

    def run_batch(self, requests: Sequence[BatchRequest]) -> list[list[EngineOutput]]:
        params = [
            self.vllm.SamplingParams(
                n=r.options.n,
                temperature=r.options.effective_temperature,
                top_p=r.options.top_p if r.options.top_p is not None else 1.0,
                max_tokens=r.options.max_tokens or DEFAULT_MAX_NEW_TOKENS,
                stop=list(r.stop) or None,
                seed=r.options.seed,
            )
            for r in requests
        ]
        results = self.engine.generate([r.text for r in requests], params, use_tqdm=False)
        return [
            [
                EngineOutput(o.text, len(result.prompt_token_ids or ()), len(o.token_ids))
                for o in result.outputs
            ]
            for result in results
        ]


@register_model("vllm")
def _make_vllm(rest: str, settings: Mapping[str, Any]) -> Model:
    if not rest:
        raise UserError("name the model: -m vllm:PATH (a local directory or hub name)")
    return VLLMModel(rest, style_from(settings), settings.get("vllm_args") or {})
